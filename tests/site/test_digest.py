"""The pure summaries behind the public pages (tipmon.site.digest)."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import tipmon.site.digest as digest
from tipmon.site.digest import PILLARS, GrantIn, excerpt, summarise_grants


def test_the_digest_module_imports_no_django() -> None:
    tree = ast.parse(Path(digest.__file__).read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        assert not any(n.split(".")[0] in {"django", "wagtail", "tipmon"} for n in names)


def test_it_totals_grants_per_year_and_counts_those_without_an_amount() -> None:
    result = summarise_grants(
        [
            GrantIn(2003, 100, ("protection",), "NPL"),
            GrantIn(2003, None, ("protection", "prevention"), "NPL"),
            GrantIn(2001, 50, (), None),
        ]
    )
    assert (result.grants, result.known_usd, result.unknown_amounts) == (3, 150, 1)
    assert (result.first_year, result.last_year, result.countries) == (2001, 2003, 1)
    assert [(y.fiscal_year, y.grants, y.known_usd) for y in result.years] == [
        (2001, 1, 50),
        (2003, 2, 100),
    ]
    assert dict(result.pillars)["protection"] == 2


grants = st.builds(
    GrantIn,
    st.integers(2001, 2014),
    st.one_of(st.none(), st.integers(0, 10**7)),
    st.lists(st.sampled_from(PILLARS), unique=True).map(tuple),
    st.one_of(st.none(), st.sampled_from(["NPL", "THA", "GHA"])),
)


@given(st.lists(grants, max_size=40))
def test_the_year_rows_add_up_to_the_totals(rows: list[GrantIn]) -> None:
    result = summarise_grants(rows)
    assert sum(y.grants for y in result.years) == result.grants == len(rows)
    assert sum(y.known_usd for y in result.years) == result.known_usd
    assert result.known_usd == sum(r.amount_usd or 0 for r in rows)
    assert [y.fiscal_year for y in result.years] == sorted({r.fiscal_year for r in rows})


@given(st.text(max_size=600), st.text(max_size=30), st.integers(20, 300))
def test_an_excerpt_is_short_and_taken_from_the_text(text: str, query: str, width: int) -> None:
    cut = excerpt(text, query, width)
    flat = " ".join(text.split())
    assert len(cut) <= width + 2
    assert cut.strip("…") in flat


@given(st.text(alphabet="abc ", max_size=400), st.integers(30, 120))
def test_an_excerpt_holds_the_first_word_found(prefix: str, width: int) -> None:
    text = prefix + " kilns " + prefix
    assert "kilns" in excerpt(text, "brick kilns", width)
