"""The pure tier statistics: distributions, transition matrices and movers."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tipmon.tiers.rules import Tier
from tipmon.trends import tierstats
from tipmon.trends.tierstats import NOT_RECORDED, distribution, movers, transitions

CODES = [f"C{n:02d}" for n in range(12)]
placements_strategy = st.dictionaries(
    st.tuples(st.sampled_from(CODES), st.integers(2001, 2006)), st.sampled_from(list(Tier))
)


def test_the_module_imports_no_django() -> None:
    tree = ast.parse(Path(tierstats.__file__).read_text(encoding="utf-8"))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name.startswith("django") for name in imported)


def test_a_transition_matrix_counts_each_country_once_in_its_cell() -> None:
    placements = {
        ("AAA", 2020): Tier.TIER_2,
        ("AAA", 2021): Tier.TIER_1,
        ("BBB", 2020): Tier.TIER_2,
        ("BBB", 2021): Tier.TIER_2,
        ("CCC", 2021): Tier.TIER_3,
    }
    matrix = transitions(placements, 2020, 2021, ["AAA", "BBB", "CCC", "DDD"])
    assert matrix.members[(Tier.TIER_2.value, Tier.TIER_1.value)] == ("AAA",)
    assert matrix.count(Tier.TIER_2.value, Tier.TIER_2.value) == 1
    assert matrix.count(NOT_RECORDED, Tier.TIER_3.value) == 1
    assert matrix.total == 3  # DDD is placed in neither year
    assert matrix.unchanged == 1
    assert matrix.share(Tier.TIER_2.value, Tier.TIER_1.value) == 0.5
    assert matrix.share(Tier.TIER_1.value, Tier.TIER_1.value) is None


def test_movers_rank_by_steps_and_leave_special_cases_out() -> None:
    placements = {
        ("AAA", 2020): Tier.TIER_3, ("AAA", 2021): Tier.TIER_1,
        ("BBB", 2020): Tier.TIER_2_WATCH_LIST, ("BBB", 2021): Tier.TIER_2,
        ("CCC", 2020): Tier.TIER_1, ("CCC", 2021): Tier.TIER_2_WATCH_LIST,
        ("DDD", 2020): Tier.SPECIAL_CASE, ("DDD", 2021): Tier.TIER_1,
    }  # fmt: skip
    improved, declined = movers(placements, 2020, 2021, ["AAA", "BBB", "CCC", "DDD"])
    assert [(m.iso3, m.steps) for m in improved] == [("AAA", 3), ("BBB", 1)]
    assert [(m.iso3, m.steps) for m in declined] == [("CCC", -2)]


def test_a_steadier_improver_ranks_above_a_late_one() -> None:
    placements = {
        ("AAA", 2020): Tier.TIER_2, ("AAA", 2021): Tier.TIER_2, ("AAA", 2022): Tier.TIER_1,
        ("BBB", 2020): Tier.TIER_2, ("BBB", 2021): Tier.TIER_1, ("BBB", 2022): Tier.TIER_1,
    }  # fmt: skip
    improved, _ = movers(placements, 2020, 2022, ["AAA", "BBB"])
    assert [m.iso3 for m in improved] == ["BBB", "AAA"]


@given(placements_strategy, st.integers(2001, 2005))
def test_a_matrix_adds_up_to_the_distributions_of_its_two_years(
    placements: dict[tuple[str, int], Tier], first: int
) -> None:
    second = first + 1
    matrix = transitions(placements, first, second, CODES)
    counts = distribution(placements, [first, second])
    for tier in Tier:
        assert matrix.row_total(tier.value) == counts[first][tier.value]
        assert matrix.column_total(tier.value) == counts[second][tier.value]
    placed_either = {c for (c, y) in placements if y in (first, second)}
    assert matrix.total == len(placed_either)


@given(placements_strategy, st.integers(2001, 2005))
def test_every_mover_moved_the_way_its_list_says(
    placements: dict[tuple[str, int], Tier], first: int
) -> None:
    improved, declined = movers(placements, first, 2006, CODES)
    ranked = tierstats.RANKED
    for move in improved:
        assert ranked.index(move.after) < ranked.index(move.before)
    for move in declined:
        assert ranked.index(move.after) > ranked.index(move.before)
    assert [m.steps for m in improved] == sorted((m.steps for m in improved), reverse=True)
    assert not {m.iso3 for m in improved} & {m.iso3 for m in declined}
