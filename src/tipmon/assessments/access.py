"""Who may see and do what on a cycle: roles come from CycleMember rows, never from views."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from tipmon.assessments.models import CountryAssessment, CycleMember, ReportingCycle

User = AbstractBaseUser | AnonymousUser


class NoAccess(PermissionError):
    """The user has no role that allows this (rendered as 403, or 404 to hide embargo)."""


def roles_on(user: User, cycle: ReportingCycle, bureau: str | None = None) -> set[str]:
    """The user's roles on ``cycle``; a bureau-scoped role counts only for that bureau."""
    if not user.is_authenticated:
        return set()
    members = CycleMember.objects.filter(cycle=cycle, user_id=user.pk)
    return {m.role for m in members if not m.bureau or bureau is None or m.bureau == bureau}


def visible_bureaus(user: User, cycle: ReportingCycle) -> set[str] | None:
    """The bureaus whose assessments the user may see on ``cycle``; None for all of them
    (a role without a bureau). A bureau-scoped desk officer sees only their bureau's."""
    if not user.is_authenticated:
        return set()
    bureaus = set(
        CycleMember.objects.filter(cycle=cycle, user_id=user.pk).values_list("bureau", flat=True)
    )
    return None if "" in bureaus else bureaus


def cycles_for(user: User) -> list[ReportingCycle]:
    if not user.is_authenticated:
        return []
    ids = CycleMember.objects.filter(user_id=user.pk).values_list("cycle_id", flat=True)
    return list(ReportingCycle.objects.filter(pk__in=ids))


def require_cycle_role(user: User, cycle: ReportingCycle) -> set[str]:
    roles = roles_on(user, cycle)
    if not roles:
        raise NoAccess(f"You have no role on the {cycle.report_year} cycle.")
    return roles


def require_assessment_roles(user: User, assessment: CountryAssessment) -> set[str]:
    roles = roles_on(user, assessment.cycle, assessment.country.bureau)
    if not roles:
        raise NoAccess(f"You have no role on {assessment.country.short_name} in this cycle.")
    return roles
