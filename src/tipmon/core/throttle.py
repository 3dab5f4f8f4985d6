"""Sign-in throttling and lockout: after too many failures for one account (or from one
address) within the window, the sign-in form refuses even the right password until the
window has passed. Failures are stored in the database, so every server process agrees."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from tipmon.core.models import FailedSignIn

WINDOW = timedelta(minutes=15)
PER_ACCOUNT = 5
PER_ADDRESS = 20


def _address(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_login_failed)
def remember_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
                     **kwargs: Any) -> None:  # fmt: skip
    FailedSignIn.objects.create(username=str(credentials.get("username", ""))[:150],
                                remote_addr=_address(request))  # fmt: skip


def locked_out(username: str, address: str | None) -> bool:
    since = timezone.now() - WINDOW
    recent = FailedSignIn.objects.filter(at__gte=since)
    if recent.filter(username=username).count() >= PER_ACCOUNT:
        return True
    return address is not None and recent.filter(remote_addr=address).count() >= PER_ADDRESS


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refusing to try a password while the account is locked out."""

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        if locked_out(username, _address(self.request)):
            raise forms.ValidationError(
                "Too many failed sign-ins. Try again in 15 minutes, or ask an administrator.",
                code="locked_out",
            )
        return super().clean()
