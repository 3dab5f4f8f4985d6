"""The councils' pure rules: consent, overdue commitments, counts and the progress report."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tipmon.councils import progress as rules
from tipmon.councils.progress import CommitmentFact, ConsentDecision

STATUSES = ("planned", "in-progress", "completed", "dropped")
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def test_the_rules_module_imports_no_django() -> None:
    path = Path(rules.__file__)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        assert not any(n.split(".")[0] in {"django", "tipmon"} for n in names), names


decisions = st.lists(
    st.builds(
        ConsentDecision,
        item=st.sampled_from(rules.CONSENT_ITEMS),
        given=st.booleans(),
        at=st.integers(0, 50).map(lambda m: T0 + timedelta(minutes=m)),
        order=st.integers(0, 1000),
    ),
    max_size=12,
)


@given(decisions)
def test_only_the_latest_decision_on_each_item_counts(history: list[ConsentDecision]) -> None:
    public = rules.public_items(history)
    for item in rules.CONSENT_ITEMS:
        mine = [d for d in history if d.item == item]
        # On an exact tie of time and order, the decision recorded later wins.
        ranked = [(d.at, d.order, i, d) for i, d in enumerate(mine)]
        latest = max(ranked, key=lambda r: r[:3])[3] if mine else None
        if item in public:
            assert latest is not None
            assert latest.given
        elif latest is not None and latest.given:
            # Given but not public: only because the name is not consented.
            assert "name" not in public


@given(decisions)
def test_nothing_is_public_without_consent_to_the_name(history: list[ConsentDecision]) -> None:
    public = rules.public_items(history)
    assert not public or "name" in public


@given(decisions, st.sampled_from(rules.CONSENT_ITEMS))
def test_a_withdrawal_hides_the_item_at_once(history: list[ConsentDecision], item: str) -> None:
    later = max((d.at for d in history), default=T0) + timedelta(seconds=1)
    after = rules.public_items([*history, ConsentDecision(item, False, later)])
    assert item not in after
    if item == "name":
        assert after == frozenset()


def test_consent_given_to_name_and_biography_publishes_both_and_not_the_photo() -> None:
    history = [ConsentDecision("name", True, T0), ConsentDecision("biography", True, T0)]
    assert rules.public_items(history) == {"name", "biography"}


commitments = st.lists(
    st.builds(
        CommitmentFact,
        agency=st.sampled_from(["Department of State", "Department of Labor", "USAID"]),
        due=st.dates(date(2024, 1, 1), date(2027, 12, 31)),
        status=st.sampled_from(STATUSES),
    ),
    max_size=30,
)


@given(commitments, st.dates(date(2024, 1, 1), date(2028, 1, 1)))
def test_counts_by_status_and_by_agency_add_up_to_the_total(
    facts: list[CommitmentFact], today: date
) -> None:
    summary = rules.summarise_commitments(facts, STATUSES, today)
    assert summary.total == len(facts) == sum(n for _, n in summary.by_status)
    assert sum(sum(c.values()) for _, c, _ in summary.by_agency) == len(facts)
    assert summary.overdue == sum(late for _, _, late in summary.by_agency)
    expected = sum(1 for f in facts if f.due < today and f.status in {"planned", "in-progress"})
    assert summary.overdue == expected


def test_a_commitment_due_today_is_not_yet_overdue_and_a_completed_one_never_is() -> None:
    today = date(2026, 5, 1)
    assert not rules.is_overdue(today, "planned", today)
    assert rules.is_overdue(today - timedelta(days=1), "in-progress", today)
    assert not rules.is_overdue(date(2020, 1, 1), "completed", today)
    assert not rules.is_overdue(date(2020, 1, 1), "dropped", today)


def test_every_figure_of_the_progress_report_names_its_records_and_date() -> None:
    recs = [
        rules.RecommendationFact("survivor council", 2025, "DOJ", "implemented", 1, 1),
        rules.RecommendationFact("survivor council", 2025, "HHS", "open", 0, 0),
    ]
    meetings = [rules.MeetingFact("survivor council", date(2025, 4, 1), True, 4, 5)]
    facts = [CommitmentFact("DOS", date(2025, 3, 1), "planned")]
    report = rules.progress_report(
        2025, ["survivor council"], recs, meetings, facts, STATUSES, date(2025, 12, 31)
    )
    figures = [f for s in report.sections for f in s.figures]
    assert figures
    assert all(str(f.source).startswith("TIP Monitor records: ") for f in figures)
    assert all("as of 2025-12-31" in str(f.source) for f in figures)
    assert report.figure("survivor-recs").value == "2"
    assert report.figure("survivor-implemented").value == "1 of 2 (50%)"
    assert report.figure("survivor-attendance").value == "4 of 5 (80%)"
    assert report.figure("commitments-overdue").value == "1 of 1 (100%)"
    assert "2 rows" in str(report.figure("survivor-recs").source)
