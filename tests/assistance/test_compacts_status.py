"""The compact status core: milestone buckets, missing targets and actuals, contributions."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tipmon.assistance import compact_status as core
from tipmon.assistance.compact_status import Bucket

TODAY = date(2026, 6, 15)
PURE = ("compact_status.py", "resource_shares.py")


def milestone(due: date, completed: date | None = None, pk: int = 1) -> core.MilestoneIn:
    return core.MilestoneIn(pk, f"M{pk}", due, completed)


def compact(**parts: object) -> core.CompactIn:
    defaults: dict[str, object] = {
        "id": 1,
        "title": "Compact",
        "country": "Ghana",
        "start": date(2024, 3, 1),
        "end": date(2028, 2, 28),
    }
    return core.CompactIn(**{**defaults, **parts})  # type: ignore[arg-type]


def test_the_pure_modules_import_no_django() -> None:
    folder = Path(core.__file__).parent
    for name in PURE:
        tree = ast.parse((folder / name).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "django" for n in names), name


def test_it_counts_the_days_a_milestone_is_overdue() -> None:
    state = core.bucket_of(milestone(date(2026, 6, 1)), TODAY)
    assert (state.bucket, state.days) == (Bucket.OVERDUE, 14)


def test_it_puts_a_milestone_due_today_or_within_90_days_in_due_soon() -> None:
    assert core.bucket_of(milestone(TODAY), TODAY).bucket == Bucket.DUE_SOON
    assert core.bucket_of(milestone(TODAY + timedelta(days=90)), TODAY).bucket == Bucket.DUE_SOON
    assert core.bucket_of(milestone(TODAY + timedelta(days=91)), TODAY).bucket == Bucket.LATER


def test_a_completed_milestone_is_done_even_when_completed_late() -> None:
    state = core.bucket_of(milestone(date(2025, 1, 1), completed=date(2025, 9, 1)), TODAY)
    assert state.bucket == Bucket.DONE


def test_it_lists_overdue_milestones_most_overdue_first() -> None:
    items = (
        milestone(date(2026, 6, 10), pk=1),
        milestone(date(2026, 1, 10), pk=2),
        milestone(date(2026, 7, 1), pk=3),
    )
    result = core.status(compact(milestones=items), TODAY)
    assert [m.milestone.id for m in result.overdue] == [2, 1]
    assert [m.milestone.id for m in result.due_soon] == [3]
    assert result.health["overdue milestones"] == 2


@given(
    offsets=st.lists(
        st.tuples(st.integers(-2000, 2000), st.one_of(st.none(), st.integers(-2000, 0))),
        max_size=40,
    ),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
)
def test_every_milestone_is_in_exactly_one_bucket(
    offsets: list[tuple[int, int | None]], today: date
) -> None:
    items = tuple(
        milestone(today + timedelta(days=due), None if done is None else today + timedelta(done), i)
        for i, (due, done) in enumerate(offsets)
    )
    result = core.status(compact(milestones=items), today)
    buckets = {b: {m.milestone.id for m in result.in_bucket(b)} for b in Bucket}
    assert sum(len(ids) for ids in buckets.values()) == len(items)
    assert set().union(*buckets.values()) == {m.id for m in items}
    for state in result.milestones:
        m = state.milestone
        if m.completed is not None:
            assert state.bucket == Bucket.DONE
        elif m.due < today:
            assert state.bucket == Bucket.OVERDUE
            assert state.days == (today - m.due).days > 0
        elif (m.due - today).days <= core.DUE_SOON_DAYS:
            assert state.bucket == Bucket.DUE_SOON
        else:
            assert state.bucket == Bucket.LATER
    assert result.health["overdue milestones"] == len(buckets[Bucket.OVERDUE])


def test_it_flags_each_running_year_an_indicator_has_no_target_for() -> None:
    indicator = core.IndicatorIn(
        7,
        "Child victims referred to care",
        (
            core.TargetIn(2024, Decimal(50), Decimal(41)),
            core.TargetIn(2026, Decimal(80), None),
        ),
    )
    result = core.status(compact(indicators=(indicator,)), TODAY)
    assert result.running_years == (2024, 2025, 2026)
    assert [(m.indicator_id, m.year) for m in result.missing_targets] == [(7, 2025)]
    assert result.missing_actuals == ()  # 2026 has not ended yet
    assert not result.no_indicators


def test_it_flags_a_target_with_no_actual_after_its_year_ended() -> None:
    indicator = core.IndicatorIn(
        3, "Prosecutions of child trafficking", (core.TargetIn(2025, Decimal(12), None),)
    )
    result = core.status(compact(indicators=(indicator,)), TODAY)
    assert [(m.year, m.target) for m in result.missing_actuals] == [(2025, Decimal(12))]


def test_a_compact_not_yet_started_needs_no_targets_yet() -> None:
    indicator = core.IndicatorIn(1, "Shelters open", ())
    future = compact(start=date(2027, 1, 1), end=date(2030, 12, 31), indicators=(indicator,))
    assert core.status(future, TODAY).missing_targets == ()


def test_a_compact_without_indicators_is_flagged() -> None:
    result = core.status(compact(), TODAY)
    assert result.no_indicators
    assert result.health["indicators missing"] == 1
    assert result.gaps == 1


def test_it_sums_contributions_by_year_and_kind() -> None:
    items = (
        core.ContributionIn(1, 2025, "financial", Decimal(100_000), Decimal(60_000)),
        core.ContributionIn(2, 2025, "financial", Decimal(50_000), None),
        core.ContributionIn(3, 2025, "in_kind", Decimal(20_000), Decimal(25_000)),
        core.ContributionIn(4, 2024, "financial", Decimal(0), Decimal(5_000)),
    )
    result = core.status(compact(contributions=items), TODAY)
    sums = {
        (t.year, t.kind): (t.committed_usd, t.delivered_usd, t.unreported)
        for t in result.contributions
    }
    assert sums == {
        (2024, "financial"): (Decimal(0), Decimal(5_000), 0),
        (2025, "financial"): (Decimal(150_000), Decimal(60_000), 1),
        (2025, "in_kind"): (Decimal(20_000), Decimal(25_000), 0),
    }
    # Over-delivery (in kind, 2025) is not a gap; delivery with no commitment is.
    assert [c.id for c in result.uncommitted] == [4]
    assert result.contributions[1].delivered_share == 0.4
