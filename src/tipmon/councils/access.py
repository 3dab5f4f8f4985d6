"""Who may read, edit and see private data on the councils and interagency pages. The one
place these rules are decided; views and services call it.

- Coordinators: members of the Django group "council coordinators". They edit everything
  here and are the only ones who see members' private data (survivor status, contact
  details). Being staff or superuser is not enough: a superuser who needs it joins the group,
  which the audit log shows.
- Readers: coordinators, staff users and anyone with a role on a reporting cycle. They read
  what is not private.

Anonymous users are sent to sign in by the views; a signed-in user without a role gets
``NoCouncilAccess``, which Django renders as 403.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from tipmon.assessments.access import NoAccess, User
from tipmon.assessments.models import CycleMember

COORDINATOR_GROUP = "council coordinators"


class NoCouncilAccess(NoAccess, PermissionDenied):
    """No role that allows this on council data (a ``PermissionDenied``: 403)."""


def is_coordinator(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return Group.objects.filter(user__pk=user.pk, name=COORDINATOR_GROUP).exists()


def is_reader(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "is_staff", False) or is_coordinator(user):
        return True
    return CycleMember.objects.filter(user_id=user.pk).exists()


def require_reader(user: User) -> None:
    if not is_reader(user):
        raise NoCouncilAccess(
            "Council and interagency records are open to staff, council coordinators and "
            "anyone with a role on a reporting cycle; you have none of these."
        )


def require_coordinator(user: User) -> None:
    if not is_coordinator(user):
        raise NoCouncilAccess(
            f"Only council coordinators (the '{COORDINATOR_GROUP}' group) change council and "
            "interagency records or see members' private details; you may read the rest."
        )
