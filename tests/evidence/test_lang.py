"""Language detection by stop-word profile."""

from __future__ import annotations

import pytest

from tipmon.evidence.pipeline.lang import detect

SENTENCES = {
    "en": "The government increased its efforts to prosecute traffickers and identified "
    "120 potential victims during the reporting period.",
    "es": "El Gobierno aumentó sus esfuerzos para enjuiciar a los tratantes e identificó a "
    "120 posibles víctimas durante el período del informe.",
    "fr": "Le gouvernement a accru ses efforts pour poursuivre les trafiquants et a identifié "
    "120 victimes potentielles pendant la période considérée.",
    "pt": "O governo aumentou os seus esforços para processar os traficantes e identificou "
    "120 potenciais vítimas durante o período do relatório.",
    "de": "Die Regierung hat ihre Bemühungen zur Strafverfolgung von Menschenhändlern "
    "verstärkt und während des Berichtszeitraums 120 mutmaßliche Opfer identifiziert.",
    "it": "Il governo ha aumentato i suoi sforzi per perseguire i trafficanti e ha "
    "identificato 120 potenziali vittime durante il periodo di riferimento.",
    "nl": "De regering heeft haar inspanningen om mensenhandelaars te vervolgen vergroot en "
    "heeft tijdens de verslagperiode 120 mogelijke slachtoffers geïdentificeerd.",
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_it_recognises_a_sentence_of_each_language(language: str) -> None:
    code, confidence = detect(SENTENCES[language])
    assert code == language
    assert 0.3 < confidence <= 1


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Las autoridades hondureñas rescataron a diez víctimas en la frontera.", "es"),
        ("Les autorités sénégalaises ont condamné cinq trafiquants l'année dernière.", "fr"),
        ("Police arrested three suspects in the capital on Monday.", "en"),
    ],
)
def test_it_recognises_news_style_sentences(text: str, language: str) -> None:
    assert detect(text)[0] == language


@pytest.mark.parametrize("text", ["", "Ghana", "Prosecution", "12 345", "TIER 2 WATCH LIST"])
def test_it_answers_undetermined_when_there_is_too_little_evidence(text: str) -> None:
    assert detect(text) == ("und", 0.0)


def test_longer_text_gives_more_confidence_than_a_fragment() -> None:
    assert detect(SENTENCES["es"])[1] > detect("los tratantes de la zona")[1]
