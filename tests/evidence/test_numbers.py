"""Numbers in digits and in English, Spanish and French words."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipmon.evidence.pipeline.numbers import find_numbers, parse_number

# ---------------------------------------------------------------- words written here, apart
# from the module under test, so a round trip checks one against the other.

EN_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def en_words(n: int) -> str:
    if n < 20:
        return EN_SMALL[n]
    if n < 100:
        return EN_TENS[n // 10] + ("-" + EN_SMALL[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return EN_SMALL[n // 100] + " hundred" + (" and " + en_words(rest) if rest else "")
    rest = n % 1000
    tail = ""
    if rest:
        tail = (" and " if rest < 100 else " ") + en_words(rest)
    return en_words(n // 1000) + " thousand" + tail


ES_SMALL = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
ES_TENS = [
    "_",
    "_",
    "_",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
]
ES_HUNDREDS = [
    "_",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
]


def es_words(n: int, before_mil: bool = False) -> str:
    if n < 30:
        word = ES_SMALL[n]
        if before_mil and word.endswith("uno"):
            word = word[:-1] if word == "uno" else "veintiún"
        return word
    if n < 100:
        unit = n % 10
        return ES_TENS[n // 10] + (" y " + es_words(unit, before_mil) if unit else "")
    if n < 1000:
        if n == 100:
            return "cien"
        rest = n % 100
        return ES_HUNDREDS[n // 100] + (" " + es_words(rest, before_mil) if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "mil" if thousands == 1 else es_words(thousands, before_mil=True) + " mil"
    return head + (" " + es_words(rest) if rest else "")


FR_SMALL = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
FR_TENS = ["_", "_", "vingt", "trente", "quarante", "cinquante", "soixante"]


def fr_below100(n: int) -> str:
    if n < 20:
        return FR_SMALL[n]
    if n < 70:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return FR_TENS[tens]
        return FR_TENS[tens] + (" et un" if unit == 1 else "-" + FR_SMALL[unit])
    if n < 80:
        return "soixante" + (" et onze" if n == 71 else "-" + FR_SMALL[n - 60])
    if n == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + FR_SMALL[n - 80]


def fr_words(n: int) -> str:
    if n < 100:
        return fr_below100(n)
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "cent" if hundreds == 1 else FR_SMALL[hundreds] + " cent"
        if rest == 0:
            return head + ("s" if hundreds > 1 else "")
        return head + " " + fr_below100(rest)
    thousands, rest = divmod(n, 1000)
    # "mille" is invariable, and "vingts" and "cents" lose their s before it.
    head = fr_words(thousands)
    if head.endswith(("vingts", "cents")):
        head = head[:-1]
    head = "mille" if thousands == 1 else head + " mille"
    return head + (" " + fr_words(rest) if rest else "")


WRITERS = {"en": en_words, "es": es_words, "fr": fr_words}


def test_the_numbers_module_imports_no_django() -> None:
    code = (
        "import sys, tipmon.evidence.pipeline.numbers, tipmon.evidence.pipeline.figures;"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django']"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("language", "words", "value"),
    [
        ("en", "forty-five", 45),
        ("en", "one hundred and twelve", 112),
        ("en", "Three hundred twelve", 312),
        ("en", "a hundred", 100),
        ("en", "two thousand and five", 2005),
        ("en", "nine hundred ninety-nine thousand nine hundred ninety-nine", 999_999),
        ("es", "cuarenta y cinco", 45),
        ("es", "doscientos treinta", 230),
        ("es", "doscientas treinta y una", 231),
        ("es", "mil", 1000),
        ("es", "veintiún mil", 21_000),
        ("es", "Veintidós", 22),
        ("es", "cien mil", 100_000),
        ("fr", "quarante-cinq", 45),
        ("fr", "soixante-dix-sept", 77),
        ("fr", "soixante et onze", 71),
        ("fr", "quatre-vingt-dix", 90),
        ("fr", "quatre-vingts", 80),
        ("fr", "quatre-vingt-onze", 91),
        ("fr", "vingt-et-un", 21),
        ("fr", "mille", 1000),
        ("fr", "deux-cent-trente-et-un", 231),
        ("fr", "nonante-neuf", 99),
        ("en", "1,234", 1234),
        ("en", "1 234", 1234),
        ("en", "1\u00a0234", 1234),
        ("fr", "1\u202f234", 1234),
        ("es", "1.234", 1234),
        ("fr", "12.500", 12500),
    ],
)
def test_it_reads_a_number_written_in_digits_or_words(
    language: str, words: str, value: int
) -> None:
    assert parse_number(words, language) == value


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "two and three"),
        ("en", "five five"),
        ("en", "hundred twenty"),
        ("es", "cien dos"),
        ("es", "treinta cuarenta"),
        ("fr", "vingt dix"),
        ("en", "1.5"),
        ("fr", "2,75"),
        ("en", "cases"),
        ("en", ""),
    ],
)
def test_it_refuses_what_is_not_one_whole_number(language: str, words: str) -> None:
    assert parse_number(words, language) is None


def test_it_takes_tokens_as_well_as_text() -> None:
    assert parse_number(["cuarenta", "y", "cinco"], "es") == 45


def test_it_finds_numbers_with_their_offsets_and_skips_lone_articles() -> None:
    text = "Se abrió una investigación y se condenó a cuarenta y cinco tratantes, no a 1.5."
    found = [(text[n.start : n.end], n.value) for n in find_numbers(text, "es")]
    assert found == [("cuarenta y cinco", 45), ("1.5", None)]


def test_it_reads_une_seule_and_una_sola_as_one() -> None:
    text = "une seule condamnation"
    (match,) = find_numbers(text, "fr")
    assert (text[match.start : match.end], match.value) == ("une seule", 1)
    (match,) = find_numbers("una sola condena", "es")
    assert match.value == 1


def test_it_splits_two_numbers_joined_by_and() -> None:
    text = "between two and three"
    assert [n.value for n in find_numbers(text, "en")] == [2, 3]


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_every_number_below_a_million_round_trips_through_words(language: str) -> None:
    write = WRITERS[language]
    wrong = [n for n in range(1_000_000) if parse_number(write(n), language) != n]
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(n=st.integers(0, 999_999), language=st.sampled_from(["en", "es", "fr"]))
def test_a_number_in_words_inside_a_sentence_is_found_whole(n: int, language: str) -> None:
    words = WRITERS[language](n)
    text = f"Texte: {words}."
    found = [m for m in find_numbers(text, language) if m.words]
    if n == 1 and language != "en":
        assert found == []  # "un", "une", "uno" alone are articles
        return
    assert [(text[m.start : m.end], m.value) for m in found] == [(words, n)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), language=st.sampled_from(["en", "es", "fr", "xx"]))
def test_any_text_gives_numbers_that_cover_their_surface(text: str, language: str) -> None:
    for m in find_numbers(text, language if language != "xx" else "en"):
        assert 0 <= m.start < m.end <= len(text)
        if m.value is not None and not m.words:
            assert parse_number(text[m.start : m.end], language) == m.value
