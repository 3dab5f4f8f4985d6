"""A trends figure: one table of data, its chart, its sources and caveats, four renderings.

Every chart on the trends pages is a :class:`Figure`. The page shows the chart (Vega-Lite
in the browser), a server-drawn SVG for readers without JavaScript, the data table, and
links to the same rows as CSV and JSON; each rendering carries the figure's sources.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tipmon.core.provenance import DatasetRef

SVG_WIDTH = 720


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    numeric: bool = False
    #: A share between 0 and 1, shown as a percentage.
    percent: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """One chart and the rows it draws. ``rows`` hold raw values; ``display`` overrides
    how a cell is shown (e.g. "<5" for a censored count) and is what CSV and JSON export
    in a ``<key>_shown`` column when present."""

    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]
    spec: dict[str, Any]
    sources: tuple[DatasetRef, ...]
    caveats: tuple[str, ...] = ()
    display: dict[tuple[int, str], str] = field(default_factory=dict)

    @property
    def chart_id(self) -> str:
        return f"spec-{self.slug}"

    def cell(self, index: int, key: str) -> str:
        shown = self.display.get((index, key))
        if shown is not None:
            return shown
        value = self.rows[index].get(key)
        if value is None:
            return "\u2013"  # an en dash: no figure
        if isinstance(value, float):
            percent = any(c.percent for c in self.columns if c.key == key)
            return f"{value:.1%}" if percent else f"{value:,.1f}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}" if key not in {"year", "data_year", "report_year"} else str(value)
        return str(value)

    @property
    def table(self) -> list[list[str]]:
        return [[self.cell(i, c.key) for c in self.columns] for i in range(len(self.rows))]

    def export_keys(self) -> list[str]:
        shown = {key for _, key in self.display}
        keys: list[str] = []
        for c in self.columns:
            keys.append(c.key)
            if c.key in shown:
                keys.append(f"{c.key}_shown")
        return keys

    def export_rows(self) -> list[dict[str, Any]]:
        shown = {key for _, key in self.display}
        out = []
        for i, row in enumerate(self.rows):
            item: dict[str, Any] = {}
            for c in self.columns:
                item[c.key] = row.get(c.key)
                if c.key in shown:
                    item[f"{c.key}_shown"] = self.cell(i, c.key)
            out.append(item)
        return out


def to_csv(figure: Figure) -> str:
    """Rows with the figure's sources in trailing columns, so no reader can lose them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    keys = figure.export_keys()
    writer.writerow([*keys, "sources", "caveats"])
    sources = "; ".join(f"{s.attribution} ({s.key}, edition {s.edition})" for s in figure.sources)
    caveats = " ".join(figure.caveats)
    for row in figure.export_rows():
        writer.writerow([*("" if row[k] is None else row[k] for k in keys), sources, caveats])
    return buffer.getvalue()


def to_json(figure: Figure) -> dict[str, Any]:
    """The API envelope: rows as data, sources, caveats and column labels in meta."""
    return {
        "ok": True,
        "data": figure.export_rows(),
        "meta": {
            "figure": figure.slug,
            "title": figure.title,
            "columns": [{"key": c.key, "label": c.label} for c in figure.columns],
            "caveats": list(figure.caveats),
            "source": [s.as_json() for s in figure.sources],
        },
    }


def static_spec(spec: dict[str, Any], inline: dict[str, Any] | None = None) -> dict[str, Any]:
    """A copy drawable without a browser: fixed width, and URL data swapped for ``inline``."""
    fixed: dict[str, Any] = json.loads(json.dumps(spec))
    if fixed.get("width") == "container":
        fixed["width"] = SVG_WIDTH
    if inline is not None:
        fixed["data"] = inline
    return fixed


def spec_key(spec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:32]


def find(figures: Sequence[Figure], slug: str | None) -> Figure | None:
    if not figures:
        return None
    if slug in (None, ""):
        return figures[0]
    return next((f for f in figures if f.slug == slug), None)
