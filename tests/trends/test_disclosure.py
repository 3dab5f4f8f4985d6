"""Small-cell suppression: behaviours, random tables checked independently, the real data."""

from __future__ import annotations

import ast
import itertools
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipmon.trends import disclosure_settings
from tipmon.trends.disclosure import (
    SECONDARY_MARK,
    Censored,
    Dimension,
    DisclosureError,
    Key,
    Reason,
    SuppressedTable,
    Table,
    Value,
    cross_table,
    hierarchy_table,
    suppress,
)

REPO = Path(__file__).resolve().parents[2]
SEX = Dimension.flat("sex", ["Female", "Male", "Other"])
PRIME = 2**61 - 1


def totals(dimensions: Sequence[Dimension], inner: Mapping[Key, int]) -> dict[Key, int]:
    """Every cell of a cross-tabulation, each total the sum of the inner cells beneath it."""

    def leaves(dim: Dimension, node: str) -> list[str]:
        kids = dim.children.get(node)
        return [node] if not kids else [leaf for k in kids for leaf in leaves(dim, k)]

    cells = {}
    for key in itertools.product(*(d.categories() for d in dimensions)):
        below = itertools.product(*(leaves(d, k) for d, k in zip(dimensions, key, strict=True)))
        cells[key] = sum(inner[leaf] for leaf in below)
    return cells


def rank_mod_p(rows: list[list[int]]) -> int:
    """Rank by elimination modulo a large prime: a different method and arithmetic from the
    module's exact elimination, agreeing with it on these small 0/1/-1 matrices."""
    rows = [[v % PRIME for v in row] for row in rows]
    rank, width = 0, len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        inverse = pow(rows[rank][col], PRIME - 2, PRIME)
        rows[rank] = [v * inverse % PRIME for v in rows[rank]]
        for i in range(len(rows)):
            if i != rank and rows[i][col]:
                f = rows[i][col]
                rows[i] = [(a - f * b) % PRIME for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def determined_cells(table: Table, result: SuppressedTable) -> list[Key]:
    """Withheld cells whose unit vector lies in the row space of the relations restricted
    to the withheld cells: adding it as a row does not raise the rank."""
    hidden = [k for k, c in result.cells.items() if c.reason is not None]
    index = {k: i for i, k in enumerate(hidden)}
    rows = []
    for rel in result.binding:
        row = [0] * len(hidden)
        for key, sign in ((rel.total, 1), *((p, -1) for p in rel.parts)):
            if key in index:
                row[index[key]] += sign
        rows.append(row)
    base = rank_mod_p(rows)
    unit = [[int(i == j) for j in range(len(hidden))] for i in range(len(hidden))]
    return [k for k in hidden if rank_mod_p([*rows, unit[index[k]]]) == base]


# Behaviours


def test_the_module_imports_no_django() -> None:
    path = REPO / "src" / "tipmon" / "trends" / "disclosure.py"
    for node in ast.walk(ast.parse(path.read_text())):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        )  # fmt: skip
        assert not any(n.split(".")[0] == "django" for n in names)
    code = (
        "import sys; import tipmon.trends.disclosure; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    env = os.environ | {"PYTHONPATH": str(REPO / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "[]"


def test_it_withholds_small_counts_and_publishes_zeros() -> None:
    table = hierarchy_table(SEX, {"Total": 40, "Female": 3, "Male": 37, "Other": 0})
    result = suppress(table, 5)
    shown = {k[0]: c.display for k, c in result.cells.items()}
    assert shown["Female"] == "<5"
    assert shown["Other"] == "0"
    assert result.cells[("Female",)].reason is Reason.PRIMARY
    assert result.cells[("Female",)].value is None


def test_it_withholds_a_second_cell_so_the_total_does_not_give_the_small_one_away() -> None:
    table = hierarchy_table(SEX, {"Total": 40, "Female": 3, "Male": 30, "Other": 7})
    result = suppress(table, 5)
    shown = {k[0]: c.display for k, c in result.cells.items()}
    assert shown == {"Total": "40", "Female": "<5", "Male": "30", "Other": SECONDARY_MARK}
    assert result.cells[("Other",)].reason is Reason.SECONDARY


def test_it_prefers_inner_cells_to_totals_as_complements() -> None:
    sex = Dimension.flat("sex", ["F", "M"])
    age = Dimension.flat("age", ["child", "adult"])
    inner = {("F", "child"): 3, ("F", "adult"): 10, ("M", "child"): 20, ("M", "adult"): 30}
    result = suppress(cross_table([sex, age], totals([sex, age], inner)), 5)
    assert result.withheld() == set(inner)
    assert all(c.value is not None for k, c in result.cells.items() if "Total" in k)


def test_it_protects_a_cell_that_no_single_relation_gives_away() -> None:
    # Two withheld 2x2 blocks joined by one cell: every relation holding that cell has three
    # withheld members, yet summing rows 1-2 and subtracting columns a-b isolates it.
    rows = Dimension.flat("row", ["1", "2", "3", "4"])
    cols = Dimension.flat("col", ["a", "b", "c", "d"])
    inner = {(r, c): 10 + i for i, (r, c) in enumerate(itertools.product("1234", "abcd"))}
    table = cross_table([rows, cols], totals([rows, cols], inner))
    blocks = {("1", "a"), ("1", "b"), ("2", "a"), ("2", "b"),
              ("3", "c"), ("3", "d"), ("4", "c"), ("4", "d")}  # fmt: skip
    assert suppress(table, 5, withheld=blocks).withheld() == blocks
    bridged = suppress(table, 5, withheld=blocks | {("2", "c")})
    assert bridged.withheld() > blocks | {("2", "c")}
    assert determined_cells(table, bridged) == []


def test_it_hides_small_counts_whose_sum_the_published_cells_give_away() -> None:
    # 7 - 5 leaves 2 for two cells of at least 1 each: both would be 1.
    parts = Dimension.flat("form", ["a", "b", "c"])
    result = suppress(hierarchy_table(parts, {"Total": 7, "a": 1, "b": 1, "c": 5}), 5)
    assert result.cells[("c",)].display == SECONDARY_MARK


def test_it_never_shows_a_cell_censored_at_source_as_zero() -> None:
    table = hierarchy_table(SEX, {"Total": 155, "Female": 98, "Male": 57, "Other": Censored(5)})
    result = suppress(table, 5)
    other = result.cells[("Other",)]
    assert (other.value, other.reason, other.display) == (None, Reason.CENSORED, "<5")
    # The censored cell could be 0 to 4, so Female and Male no longer pin it down.
    assert result.cells[("Female",)].value is None or result.cells[("Male",)].value is None


def test_it_does_not_rely_on_a_total_whose_parts_are_missing_or_do_not_add_up() -> None:
    missing = suppress(hierarchy_table(SEX, {"Total": 20, "Female": 12, "Male": 3}), 5)
    assert missing.withheld() == {("Male",)}
    assert "not in the table" in missing.ignored[0].why
    off = suppress(hierarchy_table(SEX, {"Total": 20, "Female": 12, "Male": 3, "Other": 0}), 5)
    assert off.withheld() == {("Male",)}
    assert off.ignored[0].why == "the parts do not add up to the total"
    assert off.binding == ()


def test_a_hierarchy_relates_countries_to_regions_and_regions_to_the_world() -> None:
    parent = {"THA": "EAP", "VNM": "EAP", "NPL": "SCA", "IND": "SCA"}
    geo = Dimension.tree("geo", "World", parent | {"EAP": "World", "SCA": "World"})
    values = {"World": 60, "EAP": 22, "SCA": 38, "THA": 2, "VNM": 20, "NPL": 30, "IND": 8}
    table = hierarchy_table(geo, values)
    assert {(r.total, r.parts) for r in table.relations} == {
        (("World",), (("EAP",), ("SCA",))),
        (("EAP",), (("THA",), ("VNM",))),
        (("SCA",), (("NPL",), ("IND",))),
    }
    result = suppress(table, 5)
    assert result.withheld() == {("THA",), ("VNM",)}


def test_the_legend_explains_every_marker() -> None:
    result = suppress(hierarchy_table(SEX, {"Total": 9, "Female": 1, "Male": 8, "Other": 0}), 5)
    assert "<5: between 1 and 4" in result.legend
    assert f"{SECONDARY_MARK}: withheld" in result.legend


@pytest.mark.parametrize("threshold", [0, -1, True, 2.5, "5"])
def test_it_refuses_a_threshold_that_is_not_a_whole_number_of_at_least_one(
    threshold: object,
) -> None:
    with pytest.raises(DisclosureError, match="threshold"):
        suppress(hierarchy_table(SEX, {"Total": 1}), threshold)  # type: ignore[arg-type]


def test_it_refuses_a_negative_count() -> None:
    with pytest.raises(DisclosureError, match="not a count"):
        suppress(hierarchy_table(SEX, {"Total": -1}), 5)


def test_the_threshold_comes_from_the_setting() -> None:
    assert disclosure_settings.threshold() == 5
    with override_settings(TIPMON_DISCLOSURE_THRESHOLD=10):
        assert disclosure_settings.threshold() == 10


@pytest.mark.parametrize("raw", ["0", "five", "-3"])
def test_start_up_stops_on_a_bad_threshold(raw: str, tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TIPMON_")}
    env = base | {"TIPMON_VAR_DIR": str(tmp_path), "TIPMON_DISCLOSURE_THRESHOLD": raw}
    code = "import os; os.environ['DJANGO_SETTINGS_MODULE']='tipmon.settings'; import django; "
    result = subprocess.run(
        [sys.executable, "-c", code + "django.setup()"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "TIPMON_DISCLOSURE_THRESHOLD must be a whole number" in result.stderr


# Random tables

small_counts = st.one_of(
    st.sampled_from([0, 0, 1, 1, 2, 3, 4, 5, 6]), st.integers(0, 12), st.integers(0, 200)
)


@st.composite
def random_tables(draw: st.DrawFn) -> tuple[Table, dict[Key, int]]:
    """A cross-tabulation of 1-3 flat dimensions, or a 1-2 dimensional one whose first
    dimension is a random hierarchy; consistent totals; a few inner cells censored."""
    dims: list[Dimension] = []
    if draw(st.booleans()):
        regions = [f"R{i}" for i in range(draw(st.integers(1, 3)))]
        parent = dict.fromkeys(regions, "World")
        for i in range(draw(st.integers(1, 6))):
            parent[f"C{i}"] = draw(st.sampled_from(regions))
        dims.append(Dimension.tree("geo", "World", parent))
    for axis in range(draw(st.integers(0 if dims else 1, 2 if dims else 3))):
        width = draw(st.integers(1, 3))
        dims.append(Dimension.flat(f"d{axis}", [f"{axis}{c}" for c in "abc"[:width]]))
    leaves = [[c for c in d.categories() if c not in d.children] for d in dims]
    inner = {key: draw(small_counts) for key in itertools.product(*leaves)}
    truth = totals(dims, inner)
    censored = draw(st.sets(st.sampled_from(sorted(inner)), max_size=2))
    cells: dict[Key, Value] = {
        k: Censored(5) if k in censored and v < 5 else v for k, v in truth.items()
    }
    return cross_table(dims, cells), truth


def assert_only_hopeless_cells_are_exposed(table: Table, result: SuppressedTable) -> None:
    """A cell may stay exposed only when the markers pin it even with every other cell
    withheld, so that no choice of complements could help."""
    everything = suppress(table, result.threshold, withheld=set(table.cells))
    assert set(result.exposed) <= set(everything.exposed)


def check(table: Table, truth: Mapping[Key, int], threshold: int) -> SuppressedTable:
    result = suppress(table, threshold)
    assert result.ignored == ()
    assert_only_hopeless_cells_are_exposed(table, result)
    for key, cell in result.cells.items():
        source = table.cells[key]
        if isinstance(source, Censored):
            assert (cell.reason, cell.display) == (Reason.CENSORED, "<5")
        elif 0 < source < threshold:
            assert (cell.reason, cell.display) == (Reason.PRIMARY, f"<{threshold}")
        elif cell.reason is None:
            assert cell.value == source == truth[key]
        else:
            assert (cell.reason, cell.display) == (Reason.SECONDARY, SECONDARY_MARK)
    assert determined_cells(table, result) == []
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_tables(), st.integers(1, 6))
def test_no_withheld_cell_of_a_random_table_can_be_worked_out(
    drawn: tuple[Table, dict[Key, int]], threshold: int
) -> None:
    table, truth = drawn
    result = check(table, truth, threshold)
    assert suppress(table, threshold) == result
    assert suppress(table, threshold, withheld=result.withheld()) == result


def completions(
    table: Table, result: SuppressedTable, threshold: int, cap: int
) -> list[dict[Key, int]]:
    """Every way to fill the withheld cells of a one-level table that agrees with what a
    reader sees: the published figures, "<t" as 1..t-1, a source "<5" as 0..4, an "x" as 0
    or at least t (up to ``cap``), and total = sum of parts."""
    (rel,) = result.binding

    def options(key: Key) -> range | list[int]:
        cell, source = result.cells[key], table.cells[key]
        if cell.reason is None:
            return [source] if isinstance(source, int) else []
        if cell.reason is Reason.PRIMARY:
            return range(1, threshold)
        if cell.reason is Reason.CENSORED:
            return range(0, 5)
        return [0, *range(threshold, cap + 1)]

    found = []
    for parts in itertools.product(*(options(k) for k in rel.parts)):
        total = sum(parts)
        if total in options(rel.total):
            found.append({rel.total: total} | dict(zip(rel.parts, parts, strict=True)))
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(small_counts, min_size=1, max_size=3), st.integers(2, 6))
def test_what_a_reader_knows_of_the_markers_never_pins_a_withheld_count(
    parts: list[int], threshold: int
) -> None:
    dim = Dimension.flat("d", [f"p{i}" for i in range(len(parts))])
    values = {"Total": sum(parts)} | {f"p{i}": v for i, v in enumerate(parts)}
    table = hierarchy_table(dim, values)
    result = check(table, {(k,): v for k, v in values.items()}, threshold)
    if not result.withheld():
        return
    cap = sum(parts) + threshold
    filled = completions(table, result, threshold, cap)
    everything = suppress(table, threshold, withheld=set(table.cells))
    hopeless = completions(table, everything, threshold, cap)
    for key in result.withheld():
        if result.cells[key].reason is Reason.PRIMARY and threshold == 2:
            continue  # "<2" is 1 by definition
        if key in result.exposed:
            assert len({f[key] for f in hopeless}) == 1, key
        else:
            assert len({f[key] for f in filled}) > 1, key


# The bundled real data


@pytest.mark.django_db
@pytest.mark.parametrize("threshold", [5, 10])
def test_the_2020_detected_victims_by_bureau_and_sex_are_protected(threshold: int) -> None:
    from tipmon.countries.models import Country
    from tipmon.trends.models import UnodcFigure

    rows = UnodcFigure.objects.filter(
        dataset__key="unodc_glotip_totals", year=2020, indicator="Detected trafficking victims",
        age="Total", sex__in=["Total", "Female", "Male", "Other"], country__isnull=False,
    ).values_list("country_id", "sex", "value", "suppressed_below")  # fmt: skip
    bureau = dict(Country.objects.values_list("iso3", "bureau"))
    # The source holds a few country-sex pairs twice with different figures: leave those
    # out (their relations then do not bind) rather than pick one.
    seen = Counter((iso3, sex) for iso3, sex, _, _ in rows)
    cells: dict[Key, Value] = {
        (iso3, sex): Censored(below or 5) if value is None else value
        for iso3, sex, value, below in rows
        if seen[(iso3, sex)] == 1
    }
    countries = sorted({iso3 for iso3, _ in cells})
    parent = {iso3: bureau[iso3] for iso3 in countries} | dict.fromkeys(bureau.values(), "World")
    geo = Dimension.tree("geo", "World", parent)
    # The source gives no regional figures: sum a bureau only where every country in it has
    # a plain figure for that sex, so the regional relations bind only where they are exact.
    for node in [b for b in geo.children if b != "World"] + ["World"]:
        for sex in SEX.categories():
            parts = [cells.get((k, sex)) for k in geo.children[node]]
            if all(isinstance(v, int) for v in parts):
                cells[(node, sex)] = sum(v for v in parts if isinstance(v, int))
    table = cross_table([geo, SEX], cells)
    result = suppress(table, threshold)

    reasons = [c.reason for c in result.cells.values()]
    assert len(countries) > 100
    assert reasons.count(Reason.CENSORED) == sum(isinstance(v, Censored) for v in cells.values())
    assert reasons.count(Reason.CENSORED) > 0
    # UNODC already withholds counts under 5, so only a higher threshold adds primary cells.
    assert (reasons.count(Reason.PRIMARY) > 0) == (threshold > 5)
    assert reasons.count(Reason.SECONDARY) > 0
    assert result.ignored, "some source totals do not equal the sum of their parts"
    assert result.exposed == ()
    assert determined_cells(table, result) == []
    for key, cell in result.cells.items():
        if cell.reason is None:
            assert cell.value == table.cells[key]
