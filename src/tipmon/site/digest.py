"""Pure summaries for the public pages: no Django import, plain data in and out.

``summarise_grants`` totals grant rows per fiscal year and per line of effort;
``excerpt`` cuts a window of text around the first match of a query's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PILLARS = ("prosecution", "protection", "prevention", "research")


@dataclass(frozen=True, slots=True)
class GrantIn:
    fiscal_year: int
    amount_usd: int | None
    pillars: tuple[str, ...]
    country: str | None  # ISO3, or None for regional and global grants


@dataclass(frozen=True, slots=True)
class YearTotal:
    fiscal_year: int
    grants: int
    known_usd: int
    unknown_amounts: int


@dataclass(frozen=True, slots=True)
class GrantsDigest:
    grants: int
    known_usd: int
    unknown_amounts: int
    countries: int
    first_year: int | None
    last_year: int | None
    years: tuple[YearTotal, ...]
    pillars: tuple[tuple[str, int], ...]  # pillar, grants that name it


def summarise_grants(rows: Iterable[GrantIn]) -> GrantsDigest:
    by_year: dict[int, list[GrantIn]] = {}
    pillar_counts = dict.fromkeys(PILLARS, 0)
    countries: set[str] = set()
    for row in rows:
        by_year.setdefault(row.fiscal_year, []).append(row)
        for pillar in row.pillars:
            if pillar in pillar_counts:
                pillar_counts[pillar] += 1
        if row.country:
            countries.add(row.country)
    years = tuple(
        YearTotal(
            year,
            len(items),
            sum(r.amount_usd or 0 for r in items),
            sum(1 for r in items if r.amount_usd is None),
        )
        for year, items in sorted(by_year.items())
    )
    return GrantsDigest(
        grants=sum(y.grants for y in years),
        known_usd=sum(y.known_usd for y in years),
        unknown_amounts=sum(y.unknown_amounts for y in years),
        countries=len(countries),
        first_year=years[0].fiscal_year if years else None,
        last_year=years[-1].fiscal_year if years else None,
        years=years,
        pillars=tuple((p, pillar_counts[p]) for p in PILLARS),
    )


def query_words(query: str) -> list[str]:
    """The words of a search query, lower-cased, without one-letter noise."""
    return [w for w in re.findall(r"\w+", query.casefold()) if len(w) > 1]


def excerpt(text: str, query: str, width: int = 200) -> str:
    """About ``width`` characters of ``text`` around the first query word found, with
    ellipses where it was cut; the text's start when no word is found."""
    flat = " ".join(text.split())
    words = query_words(query)
    folded = flat.casefold()
    hits = [i for i in (folded.find(w) for w in words) if i >= 0]
    centre = min(hits) if hits else 0
    start = max(0, centre - width // 3)
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    if start > 0:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < centre else start
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > max(start, centre) else end
    return ("…" if start > 0 else "") + flat[start:end] + ("…" if end < len(flat) else "")
