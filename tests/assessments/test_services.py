from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tipmon.assessments import services
from tipmon.assessments.access import NoAccess
from tipmon.assessments.models import CountryAssessment, Finding, ReportingCycle, State
from tipmon.assessments.narrative import NarrativeInput, draft
from tipmon.assessments.publication import PublishError, publish_cycle
from tipmon.core.models import AuditEntry
from tipmon.tiers.models import TierPlacement
from tipmon.tiers.rules import Tier

pytestmark = pytest.mark.django_db


def nepal(cycle: ReportingCycle) -> CountryAssessment:
    return CountryAssessment.objects.get(cycle=cycle, country_id="NPL")


def test_opening_a_cycle_creates_an_assessment_per_country_with_every_standard(
    cycle: ReportingCycle,
) -> None:
    assert cycle.assessments.count() > 180
    assert Finding.objects.filter(assessment=nepal(cycle)).count() == 16
    assert cycle.release_by.isoformat() == "2026-06-30"
    assert services.reporting_period(2026)[0].isoformat() == "2025-04-01"


def test_saving_records_a_revision_and_an_audit_entry(
    cycle: ReportingCycle, desk_officer: User
) -> None:
    item = nepal(cycle)
    fresh = services.save_assessment(item, {"prosecutions_sex": 12}, item.version, desk_officer)
    assert fresh.version == item.version + 1
    assert fresh.revisions.first().snapshot["prosecutions_sex"] == 12  # type: ignore[union-attr]
    assert AuditEntry.objects.filter(action="assessment.save", object_id=str(item.pk)).exists()


def test_a_stale_save_is_refused_and_overwrites_nothing(
    cycle: ReportingCycle, desk_officer: User
) -> None:
    item = nepal(cycle)
    opened = item.version
    services.save_assessment(item, {"prosecutions_sex": 12}, opened, desk_officer)
    with pytest.raises(services.ConcurrentEdit, match="Someone else saved"):
        services.save_assessment(item, {"prosecutions_sex": 99}, opened, desk_officer)
    assert nepal(cycle).prosecutions_sex == 12


def test_a_desk_officer_cannot_edit_another_bureaus_country(
    cycle: ReportingCycle, desk_officer: User
) -> None:
    thailand = CountryAssessment.objects.get(cycle=cycle, country_id="THA")
    with pytest.raises(NoAccess):
        services.save_assessment(thailand, {"prosecutions_sex": 1}, thailand.version, desk_officer)


def test_only_the_role_holding_the_pen_may_edit(
    cycle: ReportingCycle, desk_officer: User, reviewer: User
) -> None:
    item = nepal(cycle)
    with pytest.raises(NoAccess, match="another role holds the pen"):
        services.save_assessment(item, {"prosecutions_sex": 1}, item.version, reviewer)
    moved = services.move(item, "submit", desk_officer)
    assert moved.state == State.REGIONAL_REVIEW
    with pytest.raises(NoAccess):
        services.save_assessment(moved, {"prosecutions_sex": 1}, moved.version, desk_officer)


def test_a_return_needs_a_reason(cycle: ReportingCycle, desk_officer: User, reviewer: User) -> None:
    item = services.move(nepal(cycle), "submit", desk_officer)
    with pytest.raises(services.WorkflowError, match="needs a reason"):
        services.move(item, "return_to_desk", reviewer)
    back = services.move(item, "return_to_desk", reviewer, "Add the labor figures")
    assert back.state == State.DRAFT
    assert back.transitions.last().reason == "Add the labor figures"  # type: ignore[union-attr]


def test_a_figure_100_times_last_years_is_flagged(cycle: ReportingCycle) -> None:
    previous = CountryAssessment(prosecutions_sex=10)
    assert services.implausible_figures({"prosecutions_sex": 1000}, previous)
    assert not services.implausible_figures({"prosecutions_sex": 50}, previous)


def walk_to_approval(item: CountryAssessment, *users: User) -> CountryAssessment:
    desk, reviewer, editor = users
    item = services.move(item, "submit", desk)
    item = services.move(item, "clear", reviewer)
    return services.move(item, "send_for_approval", editor)


def test_approval_is_blocked_by_a_statutory_conflict_unless_justified(
    cycle: ReportingCycle, desk_officer: User, reviewer: User, editor: User, approver: User
) -> None:
    item = nepal(cycle)
    # Tier 1 without a finding that the government fully meets the standards is refused.
    services.save_assessment(item, {"proposed_tier": Tier.TIER_1.value, "fully_meets": False,
                                    "significant_efforts": True, "watch_list_criteria": False},
                             item.version, desk_officer)  # fmt: skip
    item = walk_to_approval(nepal(cycle), desk_officer, reviewer, editor)
    with pytest.raises(services.WorkflowError, match="does not allow Tier 1"):
        services.move(item, "approve", approver)
    services.save_assessment(item, {"override_justification": "Decided at the Under Secretary's "
                                    "meeting of 1 June"}, item.version, approver)  # fmt: skip
    approved = services.move(nepal(cycle), "approve", approver)
    assert approved.state == State.APPROVED
    assert approved.final_tier == Tier.TIER_1.value


def test_the_draft_narrative_is_worded_for_the_outcome(
    cycle: ReportingCycle, desk_officer: User
) -> None:
    item = nepal(cycle)
    services.save_assessment(item, {"proposed_tier": Tier.TIER_2.value, "prosecutions_sex": 7},
                             item.version, desk_officer)  # fmt: skip
    text = services.draft_narrative(nepal(cycle))
    assert text.startswith("NEPAL: TIER 2")
    assert "was upgraded to Tier 2" in text  # from the Watch List in 2025
    sections = ["PRIORITIZED RECOMMENDATIONS", "PROSECUTION", "PROTECTION", "PREVENTION",
                "TRAFFICKING PROFILE"]  # fmt: skip
    positions = [text.index(s) for s in sections]
    assert positions == sorted(positions)
    assert "7 for sex trafficking" in text


@pytest.mark.parametrize(
    ("kwargs", "phrase"),
    [({"tier": Tier.TIER_2_WATCH_LIST, "previous": Tier.TIER_2_WATCH_LIST, "waiver": True,
       "watch_list_years": 3}, "remained on Tier 2 Watch List for the third consecutive year"),
     ({"tier": Tier.TIER_3, "previous": Tier.TIER_2_WATCH_LIST, "automatic_downgrade": True},
      "automatic downgrade"),
     ({"tier": Tier.TIER_2_WATCH_LIST, "previous": Tier.TIER_3}, "upgraded from Tier 3"),
     ({"tier": Tier.TIER_2_WATCH_LIST, "previous": Tier.TIER_2}, "downgraded to Tier 2 Watch List"),
     ({"tier": Tier.TIER_1, "previous": Tier.TIER_2}, "was upgraded to Tier 1"),
     ({"tier": Tier.TIER_2_WATCH_LIST, "previous": Tier.TIER_3, "reentry": True}, "one such year")],
)  # fmt: skip
def test_tier_paragraphs_cover_upgrade_downgrade_waiver_and_automatic_downgrade(
    kwargs: dict[str, object], phrase: str
) -> None:
    text = draft(NarrativeInput(country="Ruritania", year=2026, **kwargs))  # type: ignore[arg-type]
    assert phrase in text


def test_publishing_is_refused_until_every_assessment_is_approved(
    cycle: ReportingCycle, approver: User
) -> None:
    before = TierPlacement.objects.count()
    with pytest.raises(PublishError, match="not approved yet"):
        publish_cycle(cycle, approver)
    assert TierPlacement.objects.count() == before
    cycle.refresh_from_db()
    assert not cycle.published


def test_publishing_records_every_tier_in_one_step(cycle: ReportingCycle, approver: User) -> None:
    CountryAssessment.objects.filter(cycle=cycle).update(state=State.APPROVED, final_tier="Tier 2")
    count = publish_cycle(cycle, approver)
    assert TierPlacement.objects.filter(report_year=2026).count() == count
    assert (
        TierPlacement.objects.get(report_year=2026, country_id="NPL").basis
        == "published assessment"
    )
    cycle.refresh_from_db()
    assert cycle.published
    with pytest.raises(PublishError, match="already published"):
        publish_cycle(cycle, approver)


def test_a_publish_that_fails_part_way_leaves_the_cycle_unpublished(
    cycle: ReportingCycle, approver: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    CountryAssessment.objects.filter(cycle=cycle).update(state=State.APPROVED, final_tier="Tier 2")

    def crash(self: ReportingCycle, *args: object, **kwargs: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(ReportingCycle, "save", crash)
    with pytest.raises(RuntimeError):
        publish_cycle(cycle, approver)
    assert not TierPlacement.objects.filter(report_year=2026).exists()
    assert ReportingCycle.objects.get(pk=cycle.pk).published_at is None


def test_only_an_approver_publishes(cycle: ReportingCycle, editor: User) -> None:
    with pytest.raises(NoAccess):
        publish_cycle(cycle, editor)


def test_the_next_cycle_carries_recommendations_over_to_be_reassessed(
    cycle: ReportingCycle,
) -> None:
    old = nepal(cycle).recommendations.create(priority=1, text="Criminalize all forms")
    following = services.open_cycle(2027)
    carried = CountryAssessment.objects.get(cycle=following, country_id="NPL").recommendations
    assert [(r.text, r.status, r.carried_from_id) for r in carried.all()] == [
        ("Criminalize all forms", "pending", old.pk)
    ]
    assert (
        Finding.objects.filter(assessment__cycle=following).count()
        == 16 * following.assessments.count()
    )
