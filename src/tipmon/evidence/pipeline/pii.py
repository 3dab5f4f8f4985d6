"""Victims' personal data, masked before analysts read a passage.

`mask` finds e-mail addresses, phone numbers, passport and identity-card numbers given in
context, street addresses, and people's names in victim context, and replaces every
character of each span with "█", so the masked text has the length of the original and
every offset computed on one holds in the other. The unmasked original is stored apart and
shown only to a restricted role; this module never needs it back.

Names are the hard part. A name is masked when it is tied to a victim: introduced by a
victim word ("the victim, Ama Mensah", "la víctima, María López", "la jeune femme, Aïcha"),
followed by a pseudonym note ("Maria (not her real name)") or an age ("identified as Maria
Lopez, 16"), or capitalised words in a sentence that speaks of a victim and that are not a
country, a place after "in"/"en"/"à", an organisation, an official with a title ("Minister
Jane Doe"), or a word the text also uses in lower case. Once a name is masked, its other
mentions in the text are masked too ("Maria later told the court...").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from tipmon.countries.gazetteer import load_gazetteer, normalise_name
from tipmon.evidence.pipeline.classify import fold
from tipmon.evidence.pipeline.types import Masked, PiiKind, PiiSpan

BLOCK: Final = "\u2588"
_PRIORITY: Final[dict[PiiKind, int]] = {
    "email": 0,
    "passport": 1,
    "id_number": 1,
    "address": 2,
    "phone": 3,
    "name": 4,
}

# --- e-mail and phone numbers --------------------------------------------------------------

_EMAIL: Final = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_PHONE: Final = re.compile(
    r"(?<![\w+/.,-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d(?:[\s.-]?\d){5,15}(?![\w/-])"
)
_PHONE_CONTEXT: Final = re.compile(
    r"(?:phone|telephone|tel\b|cell|mobile|whatsapp|call(?:ed)?\b|contact|number|"
    r"telefono|celular|movil|llam\w*|numero|portable|joindre|appel\w*)[^.\n]{0,30}$"
)
_CASE_CONTEXT: Final = re.compile(
    r"(?:\bno\b|\bn\s*[o.º°]+|\bnum\b|case|docket|file|ref\w*|expediente|causa|dossier|"
    r"affaire|\brg\b|article|art\b|articulo|law|ley|loi|decree|decreto|decret)\W{0,6}$"
)
_MONEY_BEFORE: Final = re.compile(r"(?:[$€£₹₦¥]|\b(?:us|usd|eur|ghs|rs|cfa|fcfa|mxn))\s*$")
_MONEY_AFTER: Final = re.compile(
    r"^\s*(?:%|per ?cent|pour ?cent|por ?ciento|dollars?|d[oó]lares|euros?|pesos|cedis?|"
    r"francs?|fcfa|cfa|naira|rupees?|soles|quetzales|lempiras|usd|eur|people|persons|"
    r"personas|personnes|workers|victims?|v[ií]ctimas|victimes)\b"
)
_YEARS: Final = re.compile(r"(?:19|20)\d\d\s*[-\u2013/]\s*(?:(?:19|20)\d\d|\d\d)")
_DATE: Final = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_THOUSANDS: Final = re.compile(r"\d{1,3}(?:[ .,\u00a0]\d{3})+")


def _phones(text: str, folded: str) -> Iterator[tuple[int, int]]:
    for found in _PHONE.finditer(text):
        surface = found.group()
        digits = sum(ch.isdigit() for ch in surface)
        if not 7 <= digits <= 15 or _YEARS.fullmatch(surface) or _DATE.fullmatch(surface):
            continue
        before = folded[max(0, found.start() - 40) : found.start()]
        after = folded[found.end() : found.end() + 16]
        if _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after):
            continue
        international = surface.startswith(("+", "("))
        if _PHONE_CONTEXT.search(before) or international:
            yield found.span()
            continue
        if _CASE_CONTEXT.search(before) or _THOUSANDS.fullmatch(surface):
            continue
        grouped = bool(re.search(r"\d[\s.-]\d", surface))
        if grouped or (surface.startswith("0") and digits >= 9):
            yield found.span()


# --- passport and identity numbers ---------------------------------------------------------

_ID_WORDS: Final = (
    r"(?P<passport>passports?|pasaportes?|passeports?)|"
    r"(?P<id>(?:national )?id(?:entity|entification)? (?:card|number|no\b)|\bid\b|"
    r"identity document|social security number|\bssn\b|\bdni\b|\bcurp\b|\brut\b|\bnie\b|"
    r"cedula(?: de (?:identidad|ciudadania))?|documento (?:nacional )?de identidad|"
    r"carn[eé]t?(?: de identidad)?|carte (?:nationale )?d'identite|\bcni\b|"
    r"numero d'identification|titre de sejour)"
)
_ID_FILLER: Final = (
    r"(?:[\s:#,º°.]|\b(?:number|no|num|nos|n|o|numero|nro|de|du|was|is|es|est|era|etait|"
    r"holder|bearing|con|avec|with)\b){0,12}?"
)
_DIGITS: Final = re.compile(r"\d{4}")
_ID: Final = re.compile(
    rf"\b(?=[pidcsrnt])(?:{_ID_WORDS}){_ID_FILLER}(?P<value>(?:[a-z]{{1,4}}[\s-]?)?\d[\w.-]{{3,22}}\w)",
)


def _ids(text: str, folded: str) -> Iterator[tuple[PiiKind, int, int]]:
    if not _DIGITS.search(folded):
        return
    for found in _ID.finditer(folded):
        value = found.group("value")
        if sum(ch.isdigit() for ch in value) < 4:
            continue
        kind: PiiKind = "passport" if found.group("passport") else "id_number"
        yield kind, found.start("value"), found.end("value")


# --- street addresses ----------------------------------------------------------------------

_CAP: Final = r"[A-ZÀ-ÖØ-Þ][\w'\u2019-]*"
_EN_STREET: Final = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|"
    r"Close|Crescent|Way|Place|Court|Terrace|Highway|Square)"
)
_FR_STREET: Final = (
    r"(?i:rue|avenue|av\.|boulevard|bd|place|chemin|all[ée]e|impasse|quai|route|cours|"
    r"passage)"
)
_ES_STREET: Final = (
    r"(?:Calle|C/|Carrera|Cra\.?|Kra\.?|Avenida|Av\.?|Avda\.?|Paseo|Camino|Jir[oó]n|Jr\.?|"
    r"Diagonal|Transversal|Pasaje|Callej[oó]n|Calzada|Colonia|Col\.)"
)
_PARTICLE: Final = r"(?:(?:de|du|des|la|le|les|l'|d'|del|el|los|las|y|of|the)\s*)"
_ADDRESS: Final = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,4}}{_EN_STREET}(?!\w)"
    rf"|\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+{_FR_STREET}\s+{_PARTICLE}*{_CAP}"
    rf"(?:\s+{_PARTICLE}*{_CAP})*"
    rf"|\b{_ES_STREET}\s+(?:{_PARTICLE}*[\wÀ-ÿ]+\s+){{0,3}}?(?:\d+[A-Za-z]?|{_CAP})"
    rf"(?:\s*,?\s*(?:#|No\.?|N[º°]\.?|n\.º|número)\s*\d+[A-Za-z]?(?:\s*-\s*\d+)?"
    rf"|\s*,?\s+\d+[A-Za-z]?(?:\s*-\s*\d+)?)"
)


def _addresses(text: str) -> Iterator[tuple[int, int]]:
    for found in _ADDRESS.finditer(text):
        yield found.span()


# --- names in victim context ---------------------------------------------------------------

_VICTIM: Final = re.compile(
    r"\b(?:victim\w*|survivor\w*|(?:the|a) (?:young |teenage |\d+-year-old )?"
    r"(?:girl|boy|woman|teenager|minor|child)\b|trafficked|rescued|exploited|"
    r"victima\w*|sobreviviente\w*|superviviente\w*|(?:la|el|una|un) (?:joven|nina|nino|menor|"
    r"adolescente|muchacha|mujer)\b|rescatad\w*|explotad\w*|"
    r"victime\w*|survivant\w*|(?:la|une) (?:jeune (?:femme|fille)|fillette|adolescente|"
    r"mineure)\b|(?:le|un) (?:jeune homme|garcon|mineur|adolescent)\b|secouru\w*|exploite\w*)"
)
_QUOTE_AFTER: Final = r"^[\"'\u201d\u2019»]?"
_PSEUDONYM: Final = re.compile(
    _QUOTE_AFTER + r"\s*\((?:not (?:her|his|their) real name|a pseudonym|pseudonym|"
    r"name changed|names? (?:has been |have been )?changed|nombre ficticio|nombre cambiado|"
    r"no es su nombre real|seudonimo|pseudonimo|nom d'emprunt|pseudonyme|"
    r"(?:le |son )?(?:pre)?nom a ete change|nom modifie)"
)
_AGE_AFTER: Final = re.compile(
    _QUOTE_AFTER + r",\s*(?:a |an |de |una? )?\d{1,2}"
    r"(?:\s*(?:-year-old|years? old|anos|ans)\b|,|\)|\s)"
)
_INTRO: Final = re.compile(
    r"(?:identified as|named|called|known as|identificad[ao]s? como|llamad[ao]|"
    r"de nombre|identifiee?s? comme|nommee?|appelee?|prenommee?|"
    r"victim\w*|survivor\w*|girl|boy|woman|victima\w*|sobreviviente\w*|joven|nina|nino|"
    r"victime\w*|survivant\w*|femme|fille|fillette)[\s,:]*[\"'\u201c\u2018«]?\s*$"
)
_TITLE: Final = re.compile(
    r"(?:minister|ministra|ministre|president\w*|presidente|judge|juez|jueza|juge|"
    r"prosecutor|fiscal|procureur\w*|inspector\w*|inspecteur\w*|commissioner|comisari\w*|"
    r"commissaire|officer|agent|agente|dr|doctor|docteur|director\w*|directeur\w*|"
    r"directrice|spokes\w*|portavoz|porte-parole|senator|senador\w*|senateur|mayor|alcalde\w*|"
    r"maire|ambassador|embajador\w*|ambassadeur|chief|jefe|chef|superintendent|sergeant|"
    r"sargento|sergent|captain|capitan|capitaine|colonel|coronel|general|lawyer|abogad\w*|"
    r"avocat\w*|me|mr|mrs|ms|sr|sra|mme|m|deputy|diputad\w*|depute\w*|governor|gobernador\w*|"
    r"gouverneur|secretary|secretari\w*|commander|comandante|commandant|minist\w*)"
    r"\.?\s*$"
)
_PLACE_BEFORE: Final = re.compile(
    r"\b(?:in|at|from|to|near|of|en|a|de|del|desde|hacia|vers|dans|au|aux)\s*$"
)
_FACILITY_AFTER: Final = re.compile(
    r"^\s*(?:shelter|centre|center|house|home|hotel|bar|club|farm|factory|company|ltd|"
    r"inc|mine|hospital|school|camp|street|road|district|region|province|refugio|albergue|"
    r"casa|centro|finca|empresa|fabrica|foyer|usine|societe|ferme|mine|quartier)s?\b"
)
_ROLE_AFTER: Final = re.compile(
    r"^,?\s*(?:the |a |an |el |la |le |un |une )?(?:\w+ )?(?:minister|ministra|ministre|"
    r"director\w*|directeur|directrice|spokes\w*|portavoz|porte-parole|head|chief|jefe|chef|"
    r"president\w*|judge|juez|juge|prosecutor|fiscal|procureur)\b"
)
_WORD: Final = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'\u2019-]+"
_NAME: Final = re.compile(
    rf"(?<![\w'\u2019-]){_WORD}(?:\s+(?:(?:de|del|de la|da|dos|van|von|bin|ibn|al|el|le|la|du)"
    rf"\s+)?{_WORD}){{0,3}}(?![\w-])"
)
_SENTENCE_END: Final = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSr)[.!?]\s+")

# fmt: off
_STOP_TEXT: Final = """
the a an in on at of for to from by with and or but as after before during since when while
this that these those there their they she he her his its it we our you your i my
mr mrs ms dr sr sra srta mme mlle m me st saint
police court ministry minister government president department office act law unit
service agency commission committee council foundation association bank university
ngo ngos un iom ilo unodc unicef state republic national federal provincial regional
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
el la los las un una unos unas y o de del en con por para segun sin sobre tras
ella ellos ellas su sus este esta estos estas ese esa aquel
policia fiscalia ministerio ministra ministro gobierno tribunal juzgado corte juez jueza
ley codigo direccion oficina secretaria unidad comision consejo fundacion asociacion
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
diciembre lunes martes miercoles jueves viernes sabado domingo
le les une des du au aux et ou en dans pour par sur avec selon sans chez apres avant
elle il ils elles son sa ses leur leurs ce cette ces
gendarmerie ministere ministre gouvernement juge parquet procureur tribunal cour loi code
direction bureau brigade office commission conseil fondation association
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
lundi mardi mercredi jeudi vendredi samedi dimanche
watch rights international network centre center institute initiative alliance project
coalition trust society church mission labour labor trafficking human children women save
amnesty caritas cross nations united organization organisation programme program fund
forum group mechanism referral task force authority authorities prison hospital school
derechos humanos centro instituto iniciativa alianza proyecto coalicion iglesia mision
ninos ninas mujeres trata personas organizacion programa fondo grupo red mecanismo
droits homme humains reseau institut projet eglise enfants femmes traite etres
organisation fonds groupe mecanisme hopital ecole
"""
# fmt: on
_STOPWORDS: Final = frozenset(_STOP_TEXT.split())


@functools.cache
def _place_words() -> frozenset[str]:
    """Folded country names, their words, and aliases: capitalised words never masked."""
    words: set[str] = set()
    for record in load_gazetteer():
        for name in (record.short_name, record.formal_name, *record.aliases):
            normalised = normalise_name(name)
            words.add(normalised)
            words.update(w for w in normalised.split() if len(w) > 3)
    return frozenset(words)


def _names(text: str, folded: str) -> Iterator[tuple[int, int]]:
    lower_words = set(re.findall(r"(?<![\w'\u2019])[a-zß-ÿ][\w'\u2019-]*", text))
    sentences: list[tuple[int, int]] = []
    masked: set[str] = set()
    for found in _NAME.finditer(text):
        start, end = _trim(folded, *found.span())
        if start == end or _not_a_name(folded, start, end):
            continue
        before, after = folded[max(0, start - 40) : start], folded[end : end + 50]
        surface = text[start:end]
        if _PSEUDONYM.match(after) or _INTRO.search(before):
            pass  # tied to a victim by the words around it
        elif _official_or_place(surface, before, after, lower_words):
            continue
        else:
            sentences = sentences or _sentences(folded)
            sentence = next(((a, b) for a, b in sentences if a <= start < b), (0, len(text)))
            if not _VICTIM.search(folded, *sentence):
                continue
            if not (_AGE_AFTER.match(after) or " " in surface):
                continue
        masked.update(w for w in surface.split() if len(w) > 2 and w[0].isupper())
        yield start, end
    if masked:
        yield from _mentions(text, masked)


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading words that are not part of a name ("Survivor Grace Achieng")."""
    for word in re.finditer(r"\S+", folded[start:end]):
        token = word.group()
        if token in _STOPWORDS or _VICTIM.fullmatch(token) or _TITLE.fullmatch(token):
            continue
        return start + word.start(), end
    return end, end


def _not_a_name(folded: str, start: int, end: int) -> bool:
    """Stop words, organisation words and country names are never a person's name."""
    surface = folded[start:end]
    words = [w for w in re.split(r"[\s'\u2019-]+", surface) if w]
    if surface in _place_words() or all(w in _STOPWORDS or w in _place_words() for w in words):
        return True
    return any(w in _STOPWORDS and len(w) > 3 for w in words)


def _official_or_place(surface: str, before: str, after: str, lower_words: set[str]) -> bool:
    """An official with a title or role, a place after a preposition, a facility's name, or
    one word the text also writes in lower case."""
    if _TITLE.search(before) or _ROLE_AFTER.match(after) or _FACILITY_AFTER.match(after):
        return True
    if _PLACE_BEFORE.search(before):
        return True
    words = surface.split()
    return len(words) == 1 and words[0].lower() in lower_words


def _sentences(folded: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for stop in _SENTENCE_END.finditer(folded):
        bounds.append((start, stop.end()))
        start = stop.end()
    bounds.append((start, len(folded)))
    return bounds


def _mentions(text: str, words: set[str]) -> Iterator[tuple[int, int]]:
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(words))) + r")(?![\w-])")
    for found in pattern.finditer(text):
        yield found.span()


# --- putting it together -------------------------------------------------------------------


def find(text: str, language: str) -> tuple[PiiSpan, ...]:
    """The personal data in `text`, as non-overlapping spans in text order (where two
    detections overlap, e-mail beats an identity number, which beats an address, a phone
    number and a name). `language` is a hint; every language's rules run on every text."""
    del language  # the patterns are trilingual: a Spanish name in an English text is a name
    folded = fold(text)
    found: list[PiiSpan] = [PiiSpan("email", *m.span()) for m in _EMAIL.finditer(text)]
    found += [PiiSpan(kind, start, end) for kind, start, end in _ids(text, folded)]
    found += [PiiSpan("address", start, end) for start, end in _addresses(text)]
    found += [PiiSpan("phone", start, end) for start, end in _phones(text, folded)]
    found += [PiiSpan("name", start, end) for start, end in _names(text, folded)]
    found.sort(key=lambda span: (_PRIORITY[span.kind], span.start, -span.end))
    kept: list[PiiSpan] = []
    for span in found:
        if span.end > span.start and all(
            span.end <= other.start or span.start >= other.end for other in kept
        ):
            kept.append(span)
    return tuple(sorted(kept, key=lambda span: span.start))


def mask(text: str, language: str) -> Masked:
    """`text` with each character of each personal-data span replaced by "█"."""
    spans = find(text, language)
    if not spans:
        return Masked(text, ())
    parts, position = [], 0
    for span in spans:
        parts += [text[position : span.start], BLOCK * (span.end - span.start)]
        position = span.end
    parts.append(text[position:])
    return Masked("".join(parts), spans)
