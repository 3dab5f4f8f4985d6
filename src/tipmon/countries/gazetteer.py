"""The country gazetteer: every country and territory TIP Monitor tracks, and a resolver
that maps any spelling of a name to its record without ever guessing.

Pure Python (no Django), so importers, the CLI and tests can use it anywhere. The data
lives in ``data/countries.csv`` and ``data/aliases.csv`` beside this module; ``data/README.md``
says where it comes from and which choices were made.

Resolution compares *keys*: a name is normalised (:func:`normalise_name`) and its spaces
removed, so "Costa Rica", "CostaRica" and "COSTA  RICA" share the key ``costarica``. A key
resolves when it is exactly the key of one record's short name, formal name or alias, or of
an ISO 3166-1 code. "Korea, Republic of" also tries "Republic of Korea" (and "Netherlands
(Kingdom of the)" tries "Kingdom of the Netherlands"). Anything else raises
:class:`CountryResolutionError` with the closest candidates: nothing is matched fuzzily.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

DATA_DIR: Final = Path(__file__).resolve().parent / "data"

BUREAUS: dict[str, str] = {
    "AF": "Bureau of African Affairs",
    "EAP": "Bureau of East Asian and Pacific Affairs",
    "EUR": "Bureau of European and Eurasian Affairs",
    "NEA": "Bureau of Near Eastern Affairs",
    "SCA": "Bureau of South and Central Asian Affairs",
    "WHA": "Bureau of Western Hemisphere Affairs",
}
KINDS: Final = ("country", "territory")
AMBIGUOUS_ORIGIN: Final = "ambiguous"
MAX_CANDIDATES: Final = 5
MAX_QUERY: Final = 100

Reason = Literal["unknown", "ambiguous", "empty"]

# Names that look like places but are not a country or territory the gazetteer tracks.
# Each resolves to an "unknown" error that says why, offering the listed codes (if any).
_SUCCESSORS: Final = "a former state: the gazetteer tracks its successors instead"
_REGION: Final = "a region, not a country or territory"
NOT_TRACKED: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "Sark": ("a dependency of Guernsey with no ISO 3166-1 code, not tracked", ()),
    "Yugoslavia": (_SUCCESSORS, ("SRB", "MNE", "XKX")),
    "Federal Republic of Yugoslavia": (_SUCCESSORS, ("SRB", "MNE", "XKX")),
    "Serbia and Montenegro": (_SUCCESSORS, ("SRB", "MNE")),
    "Netherlands Antilles": (_SUCCESSORS, ("CUW", "SXM")),
    "Saint Martin": ("an island shared by Sint Maarten and French Saint-Martin", ("SXM",)),
    "Global": ("a global grouping, not a country or territory", ()),
    "Africa": (_REGION, ()),
    "Europe": (_REGION, ()),
    "East Asia and Pacific Islands": (_REGION, ()),
    "Near East Asia": (_REGION, ()),
    "South and Central Asia": (_REGION, ()),
    "Western Hemisphere": (_REGION, ()),
}


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """One country or territory. Codes are "" where none exists (Kosovo has no numeric)."""

    iso3: str
    iso2: str
    numeric: str
    short_name: str
    formal_name: str
    bureau: str
    kind: str
    tip_covered: bool
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The short name, the formal name and every alias: each resolves to this record."""
        return (self.short_name, self.formal_name, *self.aliases)

    @property
    def label(self) -> str:
        return f"{self.short_name} ({self.iso3})"


class CountryResolutionError(LookupError):
    """A name that does not resolve to exactly one record; never a guess."""

    def __init__(
        self,
        name: str,
        reason: Reason,
        candidates: Sequence[CountryRecord] = (),
        detail: str = "",
    ) -> None:
        self.name = name
        self.reason: Reason = reason
        self.candidates: tuple[CountryRecord, ...] = tuple(candidates)[:MAX_CANDIDATES]
        self.detail = detail
        super().__init__(self._message())

    def __reduce__(self) -> tuple[type[CountryResolutionError], tuple[object, ...]]:
        return (type(self), (self.name, self.reason, self.candidates, self.detail))

    def _message(self) -> str:
        listed = ", ".join(record.label for record in self.candidates)
        shown = self.name if len(self.name) <= MAX_QUERY else f"{self.name[:MAX_QUERY]}..."
        if self.reason == "empty":
            return "Empty country name: give a country or territory name or an ISO code."
        if self.reason == "ambiguous":
            return f'Ambiguous country name "{shown}". Candidates: {listed}'
        text = f'Unknown country name "{shown}"'
        if self.detail:
            text += f" ({self.detail})"
        if listed:
            return f"{text}. Closest: {listed}"
        return text if self.detail else f"{text}. No close match."


# --- normalisation -------------------------------------------------------------------------

# Apostrophes and quotes: ASCII, typographic, modifier letters and primes, and mis-decoded
# ones (cp1252 bytes read as Latin-1, U+FFFD where a byte was lost).
_QUOTES: Final = (
    "'\"`\u00b4\u02b9\u02bb\u02bc\u02bd\u02c8\u2032\u2033"
    "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\x91\x92\x93\x94\ufffd"
)
_DASHES: Final = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphens, dashes, minus
_FOLD: Final = str.maketrans(
    {
        **dict.fromkeys(_QUOTES, ""),
        **dict.fromkeys(_DASHES, " "),
        "&": " and ",
        "\u0131": "i",  # dotless i
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ł": "l",
    }
)
_SEPARATORS: Final = re.compile(r"[\W_]+")
_DROPPED_WORDS: Final = frozenset({"the"})
_EXPANSIONS: Final = {"st": "saint"}
_PARENTHESISED: Final = re.compile(r"(.+?)\s*\((.+)\)")


def normalise_name(text: str) -> str:
    """Fold a name to lower-case ASCII-ish words: accents, case, quotes, dashes, "&" and
    punctuation unified, the word "the" dropped, "St" spelled "saint"; idempotent."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    folded = unicodedata.normalize("NFKD", folded.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).translate(_FOLD)
    words = (_EXPANSIONS.get(word, word) for word in _SEPARATORS.split(folded))
    return " ".join(word for word in words if word and word not in _DROPPED_WORDS)


def name_key(text: str) -> str:
    """The key two spellings must share to be the same name: the normalised words, joined."""
    return normalise_name(text).replace(" ", "")


def name_variants(text: str) -> tuple[str, ...]:
    """The name and its un-inverted forms: "Korea, Republic of" → "Republic of Korea",
    "Netherlands (Kingdom of the)" → "Kingdom of the Netherlands"."""
    variants = [text]
    head, comma, tail = text.partition(",")
    if comma and head.strip() and tail.strip():
        variants.append(f"{tail} {head}")
    parenthesised = _PARENTHESISED.fullmatch(text.strip())
    if parenthesised:
        variants.append(f"{parenthesised[2]} {parenthesised[1]}")
    return tuple(variants)


# --- candidate ranking ---------------------------------------------------------------------

# Words too common in country names to say which country is meant.
# fmt: off
_COMMON_WORDS: Final = frozenset({
    "of", "and", "republic", "rep", "democratic", "dem", "people", "peoples", "state",
    "states", "federal", "federated", "fed", "sts", "federation", "kingdom", "islamic",
    "arab", "united", "union", "socialist", "plurinational", "bolivarian", "commonwealth",
    "sar", "special", "administrative", "region", "principality", "sultanate", "grand",
    "duchy", "independent", "cooperative", "co", "province", "saint", "island", "islands",
    "is", "part", "dutch", "country",
})
# fmt: on


def _informative(normalised: str) -> frozenset[str]:
    return frozenset(normalised.split()) - _COMMON_WORDS


def _similarity(query: str, words: frozenset[str], name: str) -> float:
    """How close a normalised name is to the normalised query, 0..1."""
    ratio = difflib.SequenceMatcher(None, query, name).ratio()
    name_words = _informative(name)
    if not words or not name_words:
        return ratio
    overlap = len(words & name_words) / max(len(words), len(name_words))
    return max(ratio, overlap)


# --- the gazetteer -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AliasRow:
    alias: str
    iso3: str
    origin: str


class Gazetteer:
    """The records and their name index. Build it with :func:`load_gazetteer`."""

    MIN_SCORE: Final = 0.6
    SCORE_MARGIN: Final = 0.2

    def __init__(self, records: Iterable[CountryRecord], alias_rows: Iterable[AliasRow]) -> None:
        self.records: tuple[CountryRecord, ...] = tuple(records)
        self._by_iso3 = _unique_codes(self.records)
        rows = tuple(alias_rows)
        _check_alias_codes(rows, self._by_iso3)
        self._ambiguous = _ambiguous_keys(rows, self._by_iso3)
        self._by_origin = _origin_index(rows, self._by_iso3)
        self._index = _name_index(self.records, self._ambiguous)
        self._inverted = _inverted_index(self.records, self._index, self._ambiguous)
        self._codes = _code_index(self.records, self._index)
        self._not_tracked = _not_tracked_index(self._index)
        self._spellings = _spellings(self.records, rows)

    def __iter__(self) -> Iterator[CountryRecord]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    @property
    def ambiguous_names(self) -> dict[str, tuple[CountryRecord, ...]]:
        """Normalised key → the records a bare name could mean ("congo" → COD, COG)."""
        return dict(self._ambiguous)

    def get(self, iso3: str) -> CountryRecord | None:
        """The record with this ISO alpha-3 code (any case), or None."""
        return self._by_iso3.get(iso3.strip().upper())

    def resolve(self, name: str, *, origin: str | None = None) -> CountryRecord:
        """The one record ``name`` means, or :class:`CountryResolutionError`.

        ``origin`` names the naming convention of the source the name comes from (an
        ``origin`` of aliases.csv, such as "unodc"): a bare name that is ambiguous in
        general but not in that convention ("Congo" in UN usage) then resolves."""
        if not name.strip():
            raise CountryResolutionError(name, "empty")
        key = name_key(name)
        found = self._by_origin.get((key, origin or ""), self._codes.get(name.strip().upper()))
        if found is not None:
            return found
        if key in self._ambiguous:
            raise CountryResolutionError(name, "ambiguous", self._ambiguous[key])
        if key in self._not_tracked:
            detail, codes = self._not_tracked[key]
            raise CountryResolutionError(name, "unknown", self._records(codes), detail)
        found = self._lookup(name)
        if found is None:
            raise CountryResolutionError(name, "unknown", self.candidates(name))
        return found

    def candidates(self, name: str, limit: int = MAX_CANDIDATES) -> tuple[CountryRecord, ...]:
        """The records whose names are closest to ``name``, best first (at most ``limit``)."""
        query = normalise_name(name)[:MAX_QUERY]  # longer than any name: cap the work
        if not query or limit < 1:
            return ()
        words = _informative(query)
        scored = sorted(
            ((self._score(query, words, record), record) for record in self.records),
            key=lambda pair: (-pair[0], pair[1].short_name),
        )
        best = scored[0][0]
        floor = max(self.MIN_SCORE, best - self.SCORE_MARGIN)
        return tuple(record for score, record in scored[:limit] if score >= floor)

    def _score(self, query: str, words: frozenset[str], record: CountryRecord) -> float:
        return max(_similarity(query, words, name) for name in self._spellings[record.iso3])

    def _lookup(self, name: str) -> CountryRecord | None:
        keys = [name_key(variant) for variant in name_variants(name)]
        for index in (self._index, self._inverted):
            found = {index[key].iso3: index[key] for key in keys if key in index}
            if len(found) == 1:
                return next(iter(found.values()))
            if len(found) > 1:
                raise CountryResolutionError(name, "ambiguous", tuple(found.values()))
        return None

    def _records(self, codes: Iterable[str]) -> tuple[CountryRecord, ...]:
        return tuple(self._by_iso3[code] for code in codes if code in self._by_iso3)

    @classmethod
    def from_csv(cls, countries_csv: Path, aliases_csv: Path) -> Gazetteer:
        """Read the two CSV files (see data/README.md), checking every row. Aliases that are
        ambiguous as bare names ("Congo") are not a record's aliases: they resolve only
        with their ``origin``."""
        rows = tuple(_read_alias_rows(aliases_csv))
        ambiguous = {name_key(row.alias) for row in rows if row.origin == AMBIGUOUS_ORIGIN}
        aliases: defaultdict[str, dict[str, None]] = defaultdict(dict)  # ordered set
        for row in rows:
            if name_key(row.alias) not in ambiguous:
                aliases[row.iso3][row.alias] = None
        return cls(_read_countries(countries_csv, aliases), rows)


# --- building the index --------------------------------------------------------------------


def _unique_codes(records: Sequence[CountryRecord]) -> dict[str, CountryRecord]:
    by_iso3 = {record.iso3: record for record in records}
    if len(by_iso3) != len(records):
        raise ValueError("countries.csv: an iso3 code appears twice")
    return by_iso3


def _check_alias_codes(rows: Iterable[AliasRow], by_iso3: Mapping[str, CountryRecord]) -> None:
    unknown = sorted({f"{row.alias!r} ({row.iso3})" for row in rows if row.iso3 not in by_iso3})
    if unknown:
        raise ValueError(f"aliases.csv: aliases of unknown codes: {', '.join(unknown)}")


def _ambiguous_keys(
    rows: Iterable[AliasRow], by_iso3: Mapping[str, CountryRecord]
) -> dict[str, tuple[CountryRecord, ...]]:
    meanings: defaultdict[str, list[CountryRecord]] = defaultdict(list)
    for row in rows:
        if row.origin == AMBIGUOUS_ORIGIN:
            meanings[name_key(row.alias)].append(by_iso3[row.iso3])
    for key, records in meanings.items():
        if len(records) < 2:
            raise ValueError(f"aliases.csv: ambiguous name {key!r} has only one meaning")
    return {key: tuple(records) for key, records in meanings.items()}


def _origin_index(
    rows: Iterable[AliasRow], by_iso3: Mapping[str, CountryRecord]
) -> dict[tuple[str, str], CountryRecord]:
    """(key, origin) → record: how each source's own naming convention reads a name."""
    index: dict[tuple[str, str], CountryRecord] = {}
    for row in rows:
        if row.origin == AMBIGUOUS_ORIGIN:
            continue
        record = by_iso3[row.iso3]
        if index.setdefault((name_key(row.alias), row.origin), record) is not record:
            raise ValueError(f"aliases.csv: {row.origin} name {row.alias!r} has two meanings")
    return index


def _spellings(
    records: Iterable[CountryRecord], rows: Iterable[AliasRow]
) -> dict[str, tuple[str, ...]]:
    """iso3 → every normalised name of the record, ambiguous ones too (for candidates)."""
    names: defaultdict[str, dict[str, None]] = defaultdict(dict)
    for iso3, name in [(r.iso3, n) for r in records for n in r.names] + [
        (row.iso3, row.alias) for row in rows
    ]:
        names[iso3][normalise_name(name)] = None
    return {iso3: tuple(spellings) for iso3, spellings in names.items()}


def _not_tracked_index(
    index: Mapping[str, CountryRecord],
) -> dict[str, tuple[str, tuple[str, ...]]]:
    keyed = {name_key(name): entry for name, entry in NOT_TRACKED.items()}
    clashes = sorted(keyed.keys() & index.keys())
    if clashes:
        raise ValueError(f"names both tracked and not tracked: {', '.join(clashes)}")
    return keyed


def _name_index(
    records: Iterable[CountryRecord], ambiguous: Mapping[str, object]
) -> dict[str, CountryRecord]:
    """Key → record for every name; a key naming two records is a data error."""
    index: dict[str, CountryRecord] = {}
    for record in records:
        for name in record.names:
            key = name_key(name)
            if not key or key in ambiguous:
                raise ValueError(f"{record.iso3}: name {name!r} is empty or ambiguous")
            if index.setdefault(key, record) is not record:
                raise ValueError(f"{name!r} names both {index[key].iso3} and {record.iso3}")
    return index


def _inverted_index(
    records: Iterable[CountryRecord],
    index: Mapping[str, CountryRecord],
    ambiguous: Mapping[str, object],
) -> dict[str, CountryRecord]:
    """Key → record for the un-inverted forms of stored names that are not names already;
    a key two records' forms share is left out (it would be a guess)."""
    meanings: defaultdict[str, set[str]] = defaultdict(set)
    by_iso3 = {record.iso3: record for record in records}
    for record in by_iso3.values():
        for name in record.names:
            for variant in name_variants(name)[1:]:
                meanings[name_key(variant)].add(record.iso3)
    return {
        key: by_iso3[next(iter(codes))]
        for key, codes in meanings.items()
        if len(codes) == 1 and key and key not in index and key not in ambiguous
    }


def _code_index(
    records: Iterable[CountryRecord], index: Mapping[str, CountryRecord]
) -> dict[str, CountryRecord]:
    """Upper-case ISO alpha-2 and alpha-3 code → record; a code that is another record's
    name (by key) is a data error."""
    codes: dict[str, CountryRecord] = {}
    for record in records:
        for code in (record.iso3, record.iso2):
            named = index.get(code.lower())
            if named is not None and named is not record:
                raise ValueError(f"code {code} of {record.iso3} is a name of {named.iso3}")
            if code:
                codes[code] = record
    return codes


# --- reading the CSV files -----------------------------------------------------------------

_COUNTRY_COLUMNS: Final = (
    "iso3", "iso2", "numeric", "short_name", "formal_name", "bureau", "kind", "tip_covered",
)  # fmt: skip
_ALIAS_COLUMNS: Final = ("alias", "iso3", "origin")


def _read_rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != tuple(columns):
            raise ValueError(f"{path.name}: the header must be {','.join(columns)}")
        for line, row in enumerate(reader, start=2):
            yield line, {column: (row[column] or "").strip() for column in columns}


def _read_countries(path: Path, aliases: Mapping[str, Iterable[str]]) -> Iterator[CountryRecord]:
    for line, row in _read_rows(path, _COUNTRY_COLUMNS):
        problem = _country_problem(row)
        if problem:
            raise ValueError(f"{path.name} line {line}: {problem}")
        yield CountryRecord(
            iso3=row["iso3"], iso2=row["iso2"], numeric=row["numeric"],
            short_name=row["short_name"], formal_name=row["formal_name"],
            bureau=row["bureau"], kind=row["kind"], tip_covered=row["tip_covered"] == "1",
            aliases=tuple(aliases.get(row["iso3"], ())),
        )  # fmt: skip


def _country_problem(row: Mapping[str, str]) -> str:
    checks = (
        (re.fullmatch(r"[A-Z]{3}", row["iso3"]), "iso3 must be three capital letters"),
        (re.fullmatch(r"[A-Z]{2}", row["iso2"]), "iso2 must be two capital letters"),
        (re.fullmatch(r"(\d{3})?", row["numeric"]), "numeric must be 3 digits or empty"),
        (row["short_name"] and row["formal_name"], "short_name and formal_name are required"),
        (row["bureau"] in BUREAUS, f"bureau must be one of {', '.join(BUREAUS)}"),
        (row["kind"] in KINDS, f"kind must be one of {', '.join(KINDS)}"),
        (row["tip_covered"] in ("0", "1"), "tip_covered must be 0 or 1"),
    )
    return next((message for ok, message in checks if not ok), "")


def _read_alias_rows(path: Path) -> Iterator[AliasRow]:
    for line, row in _read_rows(path, _ALIAS_COLUMNS):
        if not (row["alias"] and row["iso3"] and row["origin"]):
            raise ValueError(f"{path.name} line {line}: alias, iso3 and origin are required")
        yield AliasRow(row["alias"], row["iso3"], row["origin"])


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer of the bundled data, read once per process."""
    return Gazetteer.from_csv(DATA_DIR / "countries.csv", DATA_DIR / "aliases.csv")


def resolve_country(name: str, *, origin: str | None = None) -> CountryRecord:
    """``load_gazetteer().resolve(name)``: the record a name means, or an error."""
    return load_gazetteer().resolve(name, origin=origin)
