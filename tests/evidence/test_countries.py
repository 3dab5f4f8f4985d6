"""Country mentions: names, demonyms and capitals in three languages, and the traps."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipmon.countries.gazetteer import load_gazetteer
from tipmon.evidence.pipeline.countries import DATA_DIR, _table, find_countries

COVERED = sorted(record.iso3 for record in load_gazetteer() if record.tip_covered)


def codes(text: str) -> list[str]:
    return [mention.iso3 for mention in find_countries(text)]


def rows(filename: str) -> list[dict[str, str]]:
    with Path(DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("record", list(load_gazetteer()), ids=lambda r: r.iso3)
def test_it_finds_every_country_by_its_english_name(record: object) -> None:
    name = record.short_name  # type: ignore[attr-defined]
    if "," in name:  # "Bahamas, The" is written "The Bahamas"
        head, _, tail = name.partition(",")
        name = f"{tail.strip()} {head}"
    assert codes(f"Reports from {name} arrived.") == [record.iso3]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guinea-Bissau, Equatorial Guinea, Papua New Guinea and Guinea",
         ["GNB", "GNQ", "PNG", "GIN"]),
        ("Niger, Nigeria, Nigerian and Nigerien nationals", ["NER", "NGA", "NGA", "NER"]),
        ("Dominica and the Dominican Republic", ["DMA", "DOM"]),
        ("Sudan and South Sudan; Sudanese and South Sudanese", ["SDN", "SSD", "SDN", "SSD"]),
        ("the Democratic Republic of the Congo, DRC, Kinshasa", ["COD", "COD", "COD"]),
        ("the Republic of the Congo, Congo-Brazzaville, Brazzaville", ["COG", "COG", "COG"]),
        ("workers sent to Congo and to Korea", []),
        ("North Korea, South Korea, the DPRK, Pyongyang and Seoul",
         ["PRK", "KOR", "PRK", "PRK", "KOR"]),
        ("The Government of Georgia adopted a plan.", ["GEO"]),
        ("a turkey farm in chad country near the jordan", []),
        ("Michael Jordan visited; Chad Smith spoke.", []),
        ("Jordan and Chad signed; Mr. Jordan did not.", ["JOR", "TCD"]),
        ("Cote d\u2019Ivoire, Côte d'Ivoire, COTE D'IVOIRE, Ivory Coast", ["CIV"] * 4),
        ("ships in the Gulf of Guinea and the Niger Delta; New Mexico", []),
        ("Latin American migrants and American officials", ["USA"]),
        ("the U.S. and the UAE", ["USA", "ARE"]),
        ("GHANA: TIER 2", ["GHA"]),
    ],
)  # fmt: skip
def test_it_resolves_the_traps(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nepali workers and Ghanaian authorities", ["NPL", "GHA"]),
        ("trabajadoras hondureñas y tratantes guatemaltecos", ["HND", "GTM"]),
        ("des victimes nigérianes et les autorités sénégalaises", ["NGA", "SEN"]),
        ("víctimas venezolanas, un ciudadano marroquí, nepalíes", ["VEN", "MAR", "NPL"]),
        ("une Ivoirienne, des ressortissants burkinabè, les Malgaches",
         ["CIV", "BFA", "MDG"]),
        ("Filipina domestic workers, Burmese fishermen", ["PHL", "MMR"]),
    ],
)  # fmt: skip
def test_it_finds_demonyms_in_three_languages(text: str, expected: list[str]) -> None:
    found = find_countries(text)
    assert [m.iso3 for m in found] == expected
    assert {m.kind for m in found} == {"demonym"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She speaks French.", []),
        ("The brochure was translated into Spanish and French.", []),
        ("Spanish-speaking victims", []),
        ("un folleto en francés, y la policía francesa", ["FRA"]),
        ("en français, le gouvernement français", ["FRA"]),
        ("The French government", ["FRA"]),
    ],
)
def test_it_skips_demonyms_used_as_language_names(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a meeting in Kathmandu", "NPL"),
        ("à Dakar", "SEN"),
        ("en Ciudad de México", "MEX"),
        ("de Katmandú a Pekín", "NPL"),
        ("in Washington, D.C.", "USA"),
        ("in N'Djamena", "TCD"),
    ],
)
def test_it_finds_capitals(text: str, expected: str) -> None:
    found = find_countries(text)
    assert [(m.iso3, m.kind) for m in found[:1]] == [(expected, "capital")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Costa de Marfil, Estados Unidos, Emiratos Árabes Unidos", ["CIV", "USA", "ARE"]),
        ("Émirats arabes unis, Royaume-Uni, Pays-Bas, Guinée équatoriale",
         ["ARE", "GBR", "NLD", "GNQ"]),
        ("la République démocratique du Congo et Haïti", ["COD", "HTI"]),
    ],
)  # fmt: skip
def test_it_finds_spanish_and_french_names(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def test_the_data_covers_every_covered_country_in_three_languages() -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows("names.csv"):
        names[row["iso3"]].add(row["language"])
    demonyms: dict[str, set[str]] = defaultdict(set)
    for row in rows("demonyms.csv"):
        demonyms[row["iso3"]].add(row["language"])
    capitals: dict[str, set[str]] = defaultdict(set)
    for row in rows("capitals.csv"):
        capitals[row["iso3"]].add(row["language"])
    no_demonym = {"COD", "COG", "HKG"}
    no_capital = {"HKG", "MAC", "DJI", "SGP", "LUX", "SYC", "ISR", "MDV", "ATG"}
    for iso3 in COVERED:
        assert names[iso3] >= {"es", "fr"}, iso3
        if iso3 not in no_demonym | {"SXM"}:
            assert demonyms[iso3] == {"en", "es", "fr"}, iso3
        if iso3 not in no_capital:
            assert capitals[iso3] == {"en", "es", "fr"}, iso3
    assert set(names) | set(demonyms) | set(capitals) <= set(COVERED)


def test_the_tables_build_without_a_spelling_naming_two_countries() -> None:
    assert len(_table()) > 1000  # the build raises on a clash


_words = st.lists(
    st.sampled_from(
        ["Ghana", "Guinea", "-", "Bissau", "Nigerian", "hondureñas", " ", ", ", "Côte",
         "d\u2019Ivoire", "U.S.", "Congo", "South", "Sudan", "Jordan", "Michael", "é", "\n",
         "Washington", "D.C.", "the", "speaks", "French", "."]
    ),
    max_size=40,
)  # fmt: skip


@given(_words.map("".join))
def test_mention_offsets_index_the_text(text: str) -> None:
    previous_end = 0
    for mention in find_countries(text):
        assert text[mention.start : mention.end] == mention.surface
        assert mention.start >= previous_end
        previous_end = mention.end
