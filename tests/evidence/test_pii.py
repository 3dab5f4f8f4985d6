"""Victims' personal data is masked, character for character, before analysts read it."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipmon.evidence.pipeline.pii import BLOCK, find, mask

REPO = Path(__file__).resolve().parents[2]


def masked_surfaces(text: str, language: str) -> list[tuple[str, str]]:
    return [(span.kind, text[span.start : span.end]) for span in mask(text, language).spans]


def test_it_masks_a_victims_name_phone_and_email_in_an_ngo_report() -> None:
    text = (
        "The victim, Ama Mensah, 17, told investigators she was recruited in Kumasi. "
        "Call the hotline on +233 24 123 4567 or write to help@ngo.org.gh. "
        "Case No. 2023-145 is pending."
    )
    masked = mask(text, "en")
    assert masked_surfaces(text, "en") == [
        ("name", "Ama Mensah"),
        ("phone", "+233 24 123 4567"),
        ("email", "help@ngo.org.gh"),
    ]
    assert "The victim, ██████████, 17," in masked.text
    assert "Case No. 2023-145 is pending." in masked.text
    assert "Kumasi" in masked.text


def test_it_masks_a_pseudonym_an_address_and_a_passport_number() -> None:
    text = (
        '"Maria" (not her real name) was held at 45 Elm Street for two years; '
        "her passport number X1234567 was confiscated. Maria later testified."
    )
    assert masked_surfaces(text, "en") == [
        ("name", "Maria"),
        ("address", "45 Elm Street"),
        ("passport", "X1234567"),
        ("name", "Maria"),
    ]


def test_it_masks_a_name_given_with_an_age() -> None:
    text = "Police identified the girl as Maria Lopez, 16, a Honduran national."
    assert masked_surfaces(text, "en") == [("name", "Maria Lopez")]


def test_it_masks_a_survivor_and_her_later_mentions() -> None:
    text = (
        "Survivor Grace Achieng said the recruiter took her ID card number 12345678. "
        "Grace now lives in a shelter."
    )
    assert masked_surfaces(text, "en") == [
        ("name", "Grace Achieng"),
        ("id_number", "12345678"),
        ("name", "Grace"),
    ]


def test_it_masks_a_spanish_victims_data() -> None:
    text = (
        "La víctima, María Fernanda López, de 15 años, fue rescatada en una casa ubicada en "
        "la Calle 5 #23-10, Bogotá. Su cédula de ciudadanía 1.023.456.789 fue retenida. "
        "Teléfono: (601) 555 1234. Pasaporte n.º AB123456."
    )
    assert masked_surfaces(text, "es") == [
        ("name", "María Fernanda López"),
        ("address", "Calle 5 #23-10"),
        ("id_number", "1.023.456.789"),
        ("phone", "(601) 555 1234"),
        ("passport", "AB123456"),
    ]


def test_it_masks_a_french_victims_data() -> None:
    text = (
        "La jeune femme, Aïcha Diallo, 19 ans, a été hébergée au 12 Rue de la Paix. "
        "Son passeport n° 12AB34567 avait été confisqué. "
        "Contact : 06 12 34 56 78, aicha.d@mail.fr."
    )
    assert masked_surfaces(text, "fr") == [
        ("name", "Aïcha Diallo"),
        ("address", "12 Rue de la Paix"),
        ("passport", "12AB34567"),
        ("phone", "06 12 34 56 78"),
        ("email", "aicha.d@mail.fr"),
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Minister Jane Doe announced that 40 victims were identified in 2023, under the "
            "national action plan for 2022-2027, with a budget of $1,250,000.",
        ),
        (
            "en",
            "Jordan's Anti-Human Trafficking Unit identified 47 victims, most of them domestic "
            "workers from Sri Lanka and the Philippines. The government's Dar Karama shelter "
            "assisted 150 victims, and Human Rights Watch said 1 234 567 workers were at risk.",
        ),
        (
            "es",
            "La Fiscalía General inició el procesamiento de 7 acusados, frente a 5 el año "
            "anterior; el expediente n.º 2023-1456 sigue abierto. La ministra Ana Gómez dijo "
            "que 30 víctimas fueron rescatadas en Madre de Dios.",
        ),
        (
            "fr",
            "Le ministre Jean Dupont a annoncé que 40 victimes ont été identifiées au Sénégal, "
            "pour un budget de 1 500 000 FCFA, le 12.05.2023 (dossier RG 2023/4512).",
        ),
    ],
)
def test_it_leaves_officials_places_organisations_years_and_amounts_alone(
    language: str, text: str
) -> None:
    assert mask(text, language) == mask(text, language)
    assert find(text, language) == ()


def test_it_masks_local_phone_formats_in_context() -> None:
    for phone in ("555-1234", "0244 123 456", "(02) 9876 5432", "300 123 4567"):
        text = f"She called her sister on {phone} from the shelter."
        assert masked_surfaces(text, "en") == [("phone", phone)]


def test_where_two_detections_overlap_the_email_wins() -> None:
    text = "Write to maria.lopez@example.org about the victim Maria Lopez."
    spans = find(text, "en")
    assert [s.kind for s in spans] == ["email", "name"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


PIECES = st.sampled_from(
    [
        "The victim, Ama Mensah, 17,",
        " call +233 24 123 4567",
        " help@ngo.org",
        " passport number X1234567",
        " 45 Elm Street",
        " Calle 5 #23-10",
        " 12 Rue de la Paix",
        " la víctima, María López,",
        " (not her real name)",
        " Case No. 2023-145",
        " 2022-2027",
        " Minister Jane Doe",
        ". ",
        " ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=12))
def test_masking_keeps_the_length_and_every_character_outside_the_spans(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    masked = mask(text, "en")
    assert len(masked.text) == len(text)
    inside = set()
    for span in masked.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert masked.text[span.start : span.end] == BLOCK * (span.end - span.start)
        inside.update(range(span.start, span.end))
    assert all(masked.text[i] == text[i] for i in range(len(text)) if i not in inside)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["en", "es", "fr", "xx"]))
def test_arbitrary_text_never_raises(text: str, language: str) -> None:
    assert len(mask(text, language).text) == len(text)


def test_the_masking_module_imports_no_django() -> None:
    code = (
        "import sys; import tipmon.evidence.pipeline.pii; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    env = os.environ | {"PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"
