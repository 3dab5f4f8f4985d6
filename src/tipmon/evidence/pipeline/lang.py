"""Language detection for passages: a small stop-word and letter profile, no model.

Each language has a list of its most frequent short words (articles, prepositions,
pronouns, auxiliaries). A word shared by several languages ("de", "la", "a") counts for
each of them in part. A few letters and signs are strong hints of their own ("ñ" and "¿"
for Spanish, "ç" and "œ" for French, "ß" for German, "ã" and "õ" for Portuguese). The
language with the highest score wins; too little evidence gives ``"und"``.

Covers English, Spanish, French, Portuguese, German, Italian and Dutch.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Final

UNDETERMINED: Final = "und"
# Fewer stop-word hits than this (weighted) and the answer is "und".
MIN_EVIDENCE: Final = 2.0
# Only the first characters are read: enough for a verdict, and the cost stays flat.
MAX_SCAN: Final = 2000

# fmt: off
STOP_WORDS: Final[Mapping[str, str]] = {
    "en": (
        "the of and to in is are was were be been has have had that this these those with "
        "for on by from as at it its an or not which who whom their they them he she his "
        "her we our you but also would will should could can may than into during after "
        "about there other more such any all some no only between under over against"
    ),
    "es": (
        "el la los las de del y en que por para con un una unos unas es son fue fueron "
        "se su sus al lo como pero más este esta estos estas ese esa le les entre sobre "
        "hasta desde durante también ha han había sin sido ser muy ya o a cuando donde "
        "porque según otro otra otros otras hacia tras"
    ),
    "fr": (
        "le la les de des du et en un une est sont été être a ont avait que qui pour par "
        "avec dans sur au aux ce cette ces se sa son ses leur leurs il ils elle elles ne "
        "pas plus ou mais comme aussi entre après avant depuis pendant lors selon sans "
        "dont l d qu n y était très"
    ),
    "pt": (
        "o a os as de do da dos das e em no na nos nas um uma é são foi foram que por "
        "para com se seu sua seus suas ao aos pelo pela pelos pelas como mas mais não "
        "também entre sobre até desde durante ou já quando onde isso este esta"
    ),
    "de": (
        "der die das den dem des und in ist sind war waren ein eine einer eines einem "
        "einen zu mit von für auf im nicht sich auch als an bei nach aus wird wurde "
        "werden wurden hat haben oder dass wie durch über unter zum zur vom noch nur"
    ),
    "it": (
        "il lo la i gli le di del della dei degli delle e è in che per con un una uno "
        "sono è stato stata da dal dalla nel nella nei al alla ai agli si non più come ma "
        "anche tra fra su sul sulla questo questa essere ha hanno o ed a"
    ),
    "nl": (
        "de het een van en in is zijn was waren te op met voor dat die dit deze niet "
        "ook door aan bij als naar uit om er worden werd wordt heeft hebben of maar nog "
        "tot over onder zij hij ze wij we ik"
    ),
}
# fmt: on

# Letters or signs that point to one language, and how much each occurrence weighs.
LETTER_HINTS: Final[Mapping[str, tuple[str, float]]] = {
    "ñ": ("es", 1.0), "¿": ("es", 2.0), "¡": ("es", 2.0),
    "ç": ("fr", 0.7), "œ": ("fr", 1.0), "ê": ("fr", 0.5), "è": ("fr", 0.5),
    "û": ("fr", 0.5), "ù": ("fr", 0.5), "ë": ("fr", 0.3), "î": ("fr", 0.5),
    "ã": ("pt", 1.0), "õ": ("pt", 1.0),
    "ß": ("de", 1.0), "ä": ("de", 0.7), "ö": ("de", 0.5), "ü": ("de", 0.3),
    "ì": ("it", 0.5), "ò": ("it", 0.5),
}  # fmt: skip
LANGUAGES: Final = tuple(STOP_WORDS)

_WORD: Final = re.compile(r"[^\W\d_]+")
_HINT: Final = re.compile("[" + "".join(LETTER_HINTS) + "]")


@functools.cache
def _weights() -> dict[str, tuple[tuple[int, float], ...]]:
    """Word → (language index, weight) for each language the word is a stop word of."""
    owners: dict[str, list[int]] = {}
    for index, language in enumerate(LANGUAGES):
        for word in set(STOP_WORDS[language].split()):
            owners.setdefault(word, []).append(index)
    return {
        word: tuple((index, 1.0 / len(indexes)) for index in indexes)
        for word, indexes in owners.items()
    }


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code or "und", confidence between 0 and 1) for ``text``."""
    sample = text[:MAX_SCAN].lower()
    weights = _weights()
    scores = [0.0] * len(LANGUAGES)
    evidence = 0.0
    for word in _WORD.findall(sample):
        for index, weight in weights.get(word, ()):
            scores[index] += weight
            evidence += weight
    for sign in _HINT.findall(sample):
        language, weight = LETTER_HINTS[sign]
        scores[LANGUAGES.index(language)] += weight
    if evidence < MIN_EVIDENCE:
        return UNDETERMINED, 0.0
    ranked = sorted(range(len(LANGUAGES)), key=scores.__getitem__, reverse=True)
    best, second = scores[ranked[0]], scores[ranked[1]]
    if best <= second:
        return UNDETERMINED, 0.0
    margin = (best - second) / best
    amount = min(1.0, evidence / 8.0)  # eight stop words or more: full weight
    return LANGUAGES[ranked[0]], round(margin * amount, 3)
