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

# An institution, then a preposition, right before a country name.
_BEFORE_NAME: Final = re.compile(
    r"(?:\b(?:government|gov't|authorities|police|officials|prosecutors|courts|judiciary|"
    r"ministry\s+of\s+[\w ]{1,40}?\s+of|gobierno|autoridades|polic[ií]a|fiscal[ií]a|"
    r"tribunales|ministerio\s+de\s+[\w ]{1,40}?\s+de|gouvernement|autorit[ée]s|police|"
    r"gendarmerie|justice|tribunaux|parquet)(?:\s+(?:nacional|national|federal|f[ée]d[ée]rale?))?"
    r"\s+(?:of|in|from|de|del|en|du|des|au|aux|à|d')"
    r"\s*(?:the\s+|la\s+|el\s+|l')?)$",
    re.IGNORECASE,
)
# A country name or demonym, then an institution ("Nepal's Ministry", "Ghanaian police").
_AFTER: Final = re.compile(
    r"^(?:'s|\u2019s|\u2019|')?\s+(?:national\s+|federal\s+|state\s+)?"
    r"(?:government|authorities|"
    r"officials|police|ministry|ministries|minister|courts?|prosecutors?|judiciary|"
    r"law\s+enforcement|labou?r\s+(?:ministry|inspectors|inspectorate)|immigration|"
    r"attorney|embassy|parliament|legislature|cabinet|army|military|navy|coast\s+guard|"
    r"border\s+(?:police|guards?)|judges?|investigators|inspectors|anti-trafficking|"
    r"counter-trafficking|task\s+force)\b",
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
    r"congreso|justicia)\s+(?:nacional\s+)?$",
    re.IGNORECASE,
)
# Official action with no country attached.
_OFFICIAL: Final = re.compile(
    r"\b(?:government|authorities|police|prosecutors?|prosecuted|courts?|ministry|"
    r"ministries|officials|judges?|law\s+enforcement|inspectors?|judiciary|parliament|"
    r"gobierno|autoridades|polic[ií]a|fiscal[ií]a|fiscales|tribunal(?:es)?|juzgados?|"
    r"ministerio|funcionarios|jueces|inspectores|gouvernement|autorit[ée]s|gendarmerie|"
    r"procureurs?|parquet|tribunaux|minist[èe]re|fonctionnaires|juges|inspecteurs|"
    r"arrest(?:s|ed|ing)?|prosecut\w*|convict\w*|sentenced|investigat\w*|referr\w*|"
    r"directorate|office|detuv\w*|enjuici\w*|conden\w*|investig\w*|sentenci\w*|"
    r"arr[êe]t\w*|poursuiv\w*|enqu[êe]t\w*|direction)\b",
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
    return next(iter(countries)) if len(countries) == 1 else None


def _names_a_government(text: str, mention: CountryMention) -> bool:
    before = text[max(0, mention.start - _WINDOW) : mention.start]
    after = text[mention.end : mention.end + _WINDOW]
    if mention.kind == "name" and _BEFORE_NAME.search(before):
        return True
    if mention.kind in ("name", "demonym") and _AFTER.search(after):
        return True
    if mention.kind == "name" and _ACTS.search(after):
        return True
    return mention.kind == "demonym" and bool(_BEFORE_DEMONYM.search(before))
