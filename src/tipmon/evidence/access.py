"""Who may do what with evidence. The one place these rules are decided.

- Analysts (staff, superusers, anyone with a role on a reporting cycle) upload documents,
  read the masked text and see the review queue.
- Reviewing an item needs a role on the cycle it files into that covers the country's
  bureau (a bureau-scoped desk officer reviews only their bureau's countries).
- The original, unmasked text and submitters' contact details are for members of the
  "confidential evidence" group only; being staff or superuser is not enough.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from tipmon.assessments.access import NoAccess, User, roles_on
from tipmon.assessments.models import CycleMember, ReportingCycle
from tipmon.countries.models import Country

CONFIDENTIAL_GROUP = "confidential evidence"


class NoEvidenceAccess(NoAccess, PermissionDenied):
    """A ``PermissionDenied``: rendered as 403."""


def is_analyst(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    return CycleMember.objects.filter(user_id=user.pk).exists()


def require_analyst(user: User) -> None:
    if not is_analyst(user):
        raise NoEvidenceAccess(
            "Evidence is open to staff and to anyone with a role on a reporting cycle."
        )


def is_confidential_reader(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return Group.objects.filter(user__pk=user.pk, name=CONFIDENTIAL_GROUP).exists()


def require_confidential_reader(user: User) -> None:
    if not is_confidential_reader(user):
        raise NoEvidenceAccess(
            f"Only members of the '{CONFIDENTIAL_GROUP}' group read unmasked text and "
            "submitters' contact details."
        )


def may_review(user: User, cycle: ReportingCycle | None, country: Country) -> bool:
    if not user.is_authenticated or cycle is None:
        return False
    return bool(roles_on(user, cycle, country.bureau))


def require_reviewer(user: User, cycle: ReportingCycle | None, country: Country) -> None:
    if cycle is None:
        raise NoEvidenceAccess(
            "There is no reporting cycle to file this item into; open the cycle first."
        )
    if not may_review(user, cycle, country):
        raise NoEvidenceAccess(
            f"You have no role on {country.short_name} in the {cycle.report_year} cycle."
        )
