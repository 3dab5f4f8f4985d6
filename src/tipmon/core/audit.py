"""Recording to the audit log (the only way entries are written), and verifying its chain."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from tipmon.core.models import AuditEntry

GENESIS = "0" * 64


def entry_digest(entry: AuditEntry, prev_hash: str) -> str:
    """The keyed hash (HMAC-SHA256 with the secret key) of an entry's content chained to the
    one before it: someone who can write to the database but lacks the key cannot forge it."""
    content = {
        "at": entry.at.isoformat(), "user": entry.user_id, "action": entry.action,
        "object_type": entry.object_type, "object_id": entry.object_id,
        "detail": entry.detail, "remote_addr": entry.remote_addr, "prev": prev_hash,
    }  # fmt: skip
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    key = hashlib.sha256(f"tipmon-audit:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


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
    with transaction.atomic():
        last = AuditEntry.objects.select_for_update().order_by("-id").first()
        prev_hash = last.entry_hash if last else GENESIS
        entry = AuditEntry(
            at=timezone.now(),
            user_id=actor.pk if actor is not None else None,
            action=action,
            object_type=type(obj).__name__,
            object_id=str(getattr(obj, "pk", obj)),
            detail=json.loads(json.dumps(detail, default=str)),
            remote_addr=request.META.get("REMOTE_ADDR") if request is not None else None,
            prev_hash=prev_hash,
        )
        entry.entry_hash = entry_digest(entry, prev_hash)
        entry.save()
    return entry


@dataclass(frozen=True, slots=True)
class ChainProblem:
    entry_id: int
    problem: str


def verify() -> tuple[int, list[ChainProblem]]:
    """Walk the chain; report every entry whose content or link does not match."""
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    count = 0
    for entry in AuditEntry.objects.order_by("id").iterator():
        count += 1
        if entry.prev_hash != prev_hash:
            problems.append(ChainProblem(entry.pk, "its link to the entry before does not match: "
                                         "an entry was deleted or inserted before it"))  # fmt: skip
        if entry_digest(entry, entry.prev_hash) != entry.entry_hash:
            problems.append(ChainProblem(entry.pk, "its content does not match its hash: it was "
                                         "edited"))  # fmt: skip
        prev_hash = entry.entry_hash
    return count, problems
