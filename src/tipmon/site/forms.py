"""The CMS sign-in form: Wagtail's own form, throttled like every other sign-in here."""

from __future__ import annotations

from wagtail.admin.forms.auth import LoginForm

from tipmon.core.throttle import ThrottledAuthenticationForm


class CmsLoginForm(ThrottledAuthenticationForm, LoginForm):  # type: ignore[misc]
    """Refuses to try a password while the account or address is locked out."""
