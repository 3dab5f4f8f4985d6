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


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        # A capital at the head of a clause, followed by a verb, stands for its government.
        ("Nairobi n'a toujours pas ouvert le centre d'accueil promis.", None, "KEN"),
        ("Lisboa amplió los equipos móviles de apoyo a víctimas.", None, "PRT"),
        # A court or directorate of a capital or country.
        ("Un juez de Bogotá condenó a tres hombres.", "VEN", "COL"),
        ("La Dirección General de Migración de Türkiye atendió a 364 víctimas.", "SYR", "TUR"),
        # An office named after a country's possessive; officers named by demonym.
        ("Ghana's Economic and Organised Crime Office charged five people.", "NGA", "GHA"),
        ("Kenyan detectives have arrested a pastor.", "UGA", "KEN"),
        ("Según la fiscalía federal belga, las víctimas vivían en un sótano.", "ROU", "BEL"),
        ("Deux gendarmes ivoiriens ont été inculpés de traite.", "BFA", "CIV"),
    ],
)
def test_a_government_named_by_its_capital_court_office_or_officers_wins(
    text: str, context: str | None, expected: str
) -> None:
    assert government(text, context) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Les condamnations pour traite sont en hausse.",
        "En el periodo se identificaron 52 víctimas.",
        "La justice n'a obtenu qu'une seule condamnation.",
        "Les parquets ont ouvert 412 dossiers.",
        "La Unidad contra la Trata judicializó 37 expedientes.",
        "Les peines prononcées vont de 2 à 10 ans.",
    ],
)
def test_convictions_identification_and_the_judiciary_are_official_action(text: str) -> None:
    assert government(text, "CMR") == "CMR"


def test_a_dateline_capital_gives_the_government_when_several_countries_are_named() -> None:
    text = "LONDON \u2014 A jury convicted a man of exploiting three Romanian women."
    assert government(text, None) == "GBR"
    assert government("LONDON \u2014 Romanian and Albanian women were exploited.", None) is None


@pytest.mark.parametrize(
    "text",
    [
        "Kathmandu is a hub for recruitment agencies.",
        "Dakar, la capitale, attire des migrants de toute la région.",
        "Rights groups demand justice for the victims.",
    ],
)
def test_a_capital_as_a_place_or_a_call_for_justice_is_no_official_action(text: str) -> None:
    assert government(text, None) is None


def test_a_ministry_is_tied_to_the_country_its_name_ends_with_not_to_one_named_later() -> None:
    assert government("The Ministry of Labour of Nepal suspended 12 agencies.", "QAT") == "NPL"
    text = "The Ministry of Labour said workers from Nepal were owed wages."
    assert government(text, "QAT") == "QAT"
