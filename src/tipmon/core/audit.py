"""Recording to the audit log (the only way entries are written)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest

from tipmon.core.models import AuditEntry


def record(
    action: str,
    obj: Any,
    user: AbstractBaseUser | AnonymousUser | None = None,
    request: HttpRequest | None = None,
    **detail: Any,
) -> AuditEntry:
    if request is not None and user is None:
        user = request.user
    actor = user if user is not None and user.is_authenticated else None
    addr = request.META.get("REMOTE_ADDR") if request is not None else None
    return AuditEntry.objects.create(
        user_id=actor.pk if actor is not None else None,
        action=action,
        object_type=type(obj).__name__,
        object_id=str(getattr(obj, "pk", obj)),
        detail=detail,
        remote_addr=addr,
    )
