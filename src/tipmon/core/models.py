"""The append-only, tamper-evident audit log: who did what, when, from where.

Each entry stores the sha256 of its own content and of the entry before it, so editing,
inserting or deleting an entry breaks the chain (``tipmon audit verify``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60)
    detail = models.JSONField(default=dict)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, default="")
    entry_hash = models.CharField(max_length=64, default="")

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit entries are append-only.")


class FailedSignIn(models.Model):
    """A failed sign-in, kept to throttle guessing (see tipmon.core.throttle)."""

    username = models.CharField(max_length=150, db_index=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.remote_addr} at {self.at:%Y-%m-%d %H:%M}"
