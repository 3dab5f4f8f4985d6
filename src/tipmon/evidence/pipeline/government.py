"""Whose government's efforts a passage describes (docs/evidence-annotation.md,
"government").

1. A government the passage names as acting wins: "the Government of Ghana", "Ghanaian
   authorities", "Nepal's Ministry of Labour", "police in Ghana", "el Gobierno de
   Honduras", "las autoridades hondureñas", "le gouvernement du Sénégal", "les autorités
   sénégalaises". When several are named, the one named most often (then the first).
2. Otherwise, a passage about official action with no country attached ("the
   government", "police", "el Gobierno", "les autorités", "prosecutors", "courts") means
   the document's country, ``context_country``; with no context country, the only country
   the passage names, if it names exactly one.
3. Otherwise None: the passage describes no government's action.

The patterns cover English, Spanish and French whatever ``language`` says, since
documents mix them; ``language`` is accepted for callers that know it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Final

from tipmon.evidence.pipeline.types import CountryMention

_WINDOW: Final = 60

# The capitalised words of an institution's name ("Labour", "Gestión de la Migración").
_TITLE: Final = (
    r"(?-i:[A-ZÀ-Ý])[\w-]*(?:\s+(?:(?:and|y|et|for|of|de|del|la|el|du|des|the)\s+){0,2}"
    r"(?-i:[A-ZÀ-Ý])[\w-]*){0,4}"
)
# An institution, then a preposition, right before a country name.
_BEFORE_NAME: Final = re.compile(
    (
        r"(?:\b(?:government|gov't|authorities|police|officials|prosecutors|courts?|judiciary|"
        r"ministry\s+of\s+{T}|directorate\s+(?:general\s+)?of\s+{T}|"
        r"gobierno|autoridades|polic[ií]a|fiscal[ií]a|juzgado|juez|jueza|corte|tribunal|"
        r"tribunales|ministerio\s+de\s+{T}|"
        r"direcci[oó]n\s+(?:general\s+)?de\s+{T}|gouvernement|autorit[ée]s|police|"
        r"gendarmerie|justice|tribunaux|cour|parquet)(?:\s+(?:nacional|national|federal|f[ée]d[ée]rale?))?"
        r"\s+(?:of|in|from|de|del|en|du|des|au|aux|à|d')"
        r"\s*(?:the\s+|la\s+|el\s+|l')?)$"
    ).replace("{T}", _TITLE),
    re.IGNORECASE,
)
# A country name or demonym, then an institution ("Nepal's Ministry", "Ghanaian police").
_AFTER: Final = re.compile(
    r"^(?:(?:'s|\u2019s)\s+(?:[\w-]+\s+(?:and\s+)?){0,4}?(?:office|agency|service|directorate|"
    r"bureau|commission|unit|department)\b|"
    r"(?:'s|\u2019s|\u2019|')?\s+(?:national\s+|federal\s+|state\s+)?"
    r"(?:government|authorities|detectives|officers|"
    r"officials|police|ministry|ministries|minister|courts?|prosecutors?|judiciary|"
    r"law\s+enforcement|labou?r\s+(?:ministry|inspectors|inspectorate)|immigration|"
    r"attorney|embassy|parliament|legislature|cabinet|army|military|navy|coast\s+guard|"
    r"border\s+(?:police|guards?)|judges?|investigators|inspectors|anti-trafficking|"
    r"counter-trafficking|task\s+force)\b)",
    re.IGNORECASE,
)
# A country name as the subject of an official act ("the United States continues to arrest").
_ACTS: Final = re.compile(
    r"^\s+(?:has\s+|have\s+|also\s+|continues?\s+to\s+|did\s+not\s+|a\s+|ont\s+|ha\s+|"
    r"han\s+)?"
    r"(?:arrest|prosecut|convict|investigat|identifi|adopt|enact|ratifi|amend|extradit|"
    r"repatriat|launch|establish|enjuici|conden|identific|aprob|adopt[ée]|poursuiv|"
    r"condamn|identifi[ée]|promulg|adopt)\w*",
    re.IGNORECASE,
)
# An institution right before a Spanish or French demonym ("autoridades hondureñas").
_BEFORE_DEMONYM: Final = re.compile(
    r"\b(?:gobierno|autoridades|polic[ií]a|fiscal[ií]a|tribunales|justicia|estado|"
    r"ministerio|funcionarios|gouvernement|autorit[ée]s|police|justice|tribunaux|"
    r"parquet|[ée]tat|minist[èe]re|fonctionnaires|gendarmerie|parlement|parlamento|"
    r"congreso|justicia|gendarmes|policiers|agents|agentes|douaniers|magistrats|juges|"
    r"procureurs|enqu[êe]teurs|fiscales|jueces|polic[ií]as)\s+(?:(?:nacional|federal|"
    r"f[ée]d[ée]rale?|national)\s+)?$",
    re.IGNORECASE,
)
# A capital standing for its government at the head of a clause ("Nairobi n'a toujours pas
# ouvert", "Freetown met en avant", "Lisboa amplió"): a verb follows, not a copula.
_CLAUSE_START: Final = re.compile(r"(?:^|[.;!?]\s+|\u2014\s*)$")
_VERB_AFTER: Final = re.compile(
    r"^\s+(?!(?:is|was|has\s+become|remains|hosts|es|fue|sigue|se\s+ha\s+convertido|est|"
    r"reste|demeure|devient|and|y|et|or|o|ou|de|del|du|des|in|en|à|of|the|la|le|el|les|los|"
    r"las)\b)(?:n['\u2019]|[a-zà-ÿ]+\b)"
)
# A dateline: a capital in capitals at the start of a news story ("NAIROBI —").
_DATELINE: Final = re.compile(r"^\s*[\w .'\-]{2,40}?\s*[\u2014\u2013-]\s")

# Official action with no country attached.
_OFFICIAL: Final = re.compile(
    r"\b(?:government|authorities|police|prosecutors?|prosecuted|courts?|ministry|"
    r"ministries|officials|judges?|law\s+enforcement|inspectors?|judiciary|parliament|"
    r"gobierno|autoridades|polic[ií]a|fiscal[ií]a|fiscales|tribunal(?:es)?|juzgados?|"
    r"ministerio|funcionarios|jueces|inspectores|gouvernement|autorit[ée]s|gendarmerie|"
    r"procureurs?|parquet|tribunaux|minist[èe]re|fonctionnaires|juges|inspecteurs|"
    r"arrest(?:s|ed|ing)?|prosecut\w*|convict\w*|sentenced|investigat\w*|referr\w*|"
    r"directorate|office|detuv\w*|enjuici\w*|conden\w*|investig\w*|sentenci\w*|"
    r"arr[êe]t\w*|poursuiv\w*|enqu[êe]t\w*|direction|identif\w*|condamn\w*|poursuites?|"
    r"la\s+justice|la\s+justicia|juridictions?|parquets|juges?|fiscal[ií]as|judicializ\w*|"
    r"imput\w*|formaliz\w*|diligencias|incoa\w*|(?:trafficking|police)\s+unit|unidad|cellule|"
    r"penas\s+impuestas|"
    r"peines\s+prononc\w*|sentences\s+imposed)\b",
    re.IGNORECASE,
)


def government_of(
    text: str,
    mentions: Sequence[CountryMention],
    context_country: str | None,
    language: str = "en",
) -> str | None:
    """The ISO3 code of the government whose efforts ``text`` describes, or None."""
    del language  # the patterns are trilingual
    named = Counter(m.iso3 for m in mentions if _names_a_government(text, m))
    if named:
        first = {m.iso3: m.start for m in reversed(mentions)}
        return max(named, key=lambda iso3: (named[iso3], -first[iso3]))
    if not _OFFICIAL.search(text):
        return None
    if context_country:
        return context_country
    countries = {m.iso3 for m in mentions}
    if len(countries) == 1:
        return next(iter(countries))
    return _dateline(text, mentions)


def _dateline(text: str, mentions: Sequence[CountryMention]) -> str | None:
    """The country of a news story's dateline capital, where the official action reported
    most likely took place."""
    head = _DATELINE.match(text)
    if not head:
        return None
    for m in mentions:
        if m.kind == "capital" and m.end <= head.end() and text[m.start : m.end].isupper():
            return m.iso3
    return None


def _names_a_government(text: str, mention: CountryMention) -> bool:
    before = text[max(0, mention.start - _WINDOW) : mention.start]
    after = text[mention.end : mention.end + _WINDOW]
    if mention.kind in ("name", "capital") and _BEFORE_NAME.search(before):
        return True
    if mention.kind == "capital" and _CLAUSE_START.search(before) and _VERB_AFTER.search(after):
        return True
    if mention.kind in ("name", "demonym") and _AFTER.search(after):
        return True
    if mention.kind == "name" and _ACTS.search(after):
        return True
    return mention.kind == "demonym" and bool(_BEFORE_DEMONYM.search(before))
