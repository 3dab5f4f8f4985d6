"""Whose government a passage describes."""

from __future__ import annotations

import pytest

from tipmon.evidence.pipeline.countries import find_countries
from tipmon.evidence.pipeline.government import government_of


def government(text: str, context: str | None, language: str = "en") -> str | None:
    return government_of(text, find_countries(text), context, language)


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("The Government of Ghana investigated 45 cases.", None, "GHA"),
        ("Ghanaian authorities identified 120 victims from Togo.", "TGO", "GHA"),
        ("Nepal's Ministry of Labour suspended 12 recruitment agencies.", "QAT", "NPL"),
        ("Police in Ghana arrested three suspects.", None, "GHA"),
        ("El Gobierno de Honduras inició el procesamiento de 7 acusados.", None, "HND"),
        ("Las autoridades hondureñas rescataron a 10 víctimas.", "GTM", "HND"),
        ("Les autorités sénégalaises ont condamné 5 trafiquants maliens.", "MLI", "SEN"),
        ("Le gouvernement du Sénégal a adopté un plan.", None, "SEN"),
        ("Nepali authorities reported 40 prosecutions, and Nepali police 3.", "QAT", "NPL"),
    ],
)
def test_an_explicitly_named_government_wins(text: str, context: str | None, expected: str) -> None:
    assert government(text, context) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The government prosecuted 12 suspects.",
        "Police arrested three traffickers who exploited Nepali women.",
        "El Gobierno aprobó un plan nacional.",
        "La policía detuvo a dos tratantes.",
        "Le gouvernement a ouvert 12 enquêtes.",
        "Les autorités ont identifié 30 victimes.",
        "Prosecutors charged nine defendants and courts convicted four.",
    ],
)
def test_official_action_without_a_named_country_means_the_context_country(text: str) -> None:
    assert government(text, "KEN") == "KEN"


def test_without_a_context_the_only_country_named_is_taken() -> None:
    assert government("Police raided a brothel in Kenya.", None) == "KEN"
    assert government("Police raided brothels in Kenya and Uganda.", None) is None


@pytest.mark.parametrize(
    "text",
    [
        "Traffickers exploited Nepali women in Dubai.",
        "Unos tratantes explotaron a mujeres hondureñas.",
        "Des trafiquants ont exploité des femmes nigérianes.",
    ],
)
def test_a_passage_with_no_official_action_has_no_government(text: str) -> None:
    assert government(text, "ARE") is None
