"""Who may read and who may edit assistance data (programs, funding, results, compacts,
operations). The one place these roles are decided; views and services call it.

- Editors: members of the Django group "program officers" (and superusers).
- Readers: editors, staff users, members of the group "assistance readers", and anyone with
  a role on a reporting cycle (a CycleMember row).

Anonymous users are sent to sign in by the views (``login_required``); a signed-in user
without a role gets ``NoAssistanceAccess``, which Django renders as 403.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from tipmon.assessments.access import NoAccess, User
from tipmon.assessments.models import CycleMember

EDITOR_GROUP = "program officers"
READER_GROUP = "assistance readers"


class NoAssistanceAccess(NoAccess, PermissionDenied):
    """No role that allows this on assistance data (a ``PermissionDenied``: 403)."""


def _groups(user: User) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(Group.objects.filter(user__pk=user.pk).values_list("name", flat=True))


def is_editor(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return bool(getattr(user, "is_superuser", False)) or EDITOR_GROUP in _groups(user)


def is_reader(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "is_staff", False) or is_editor(user):
        return True
    return READER_GROUP in _groups(user) or CycleMember.objects.filter(user_id=user.pk).exists()


def require_reader(user: User) -> None:
    if not is_reader(user):
        raise NoAssistanceAccess(
            "Assistance data is open to staff, program officers, assistance readers and "
            "anyone with a role on a reporting cycle; you have none of these."
        )


def require_editor(user: User) -> None:
    if not is_editor(user):
        raise NoAssistanceAccess(
            f"Only program officers (the '{EDITOR_GROUP}' group) change assistance data; "
            "you may read it."
        )
