"""Turn domain lookups that fail into the right HTTP status for pages.

Domain code raises a subclass of ``NotFound`` (an unknown country, a report year outside the
record, an unpublished report) or ``BadParameter``; views never map exceptions themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse

from tipmon.core.params import BadParameter

P = ParamSpec("P")


class NotFound(LookupError):
    """Something a request names does not exist (or must not be seen yet): 404."""


def page_errors(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """A view decorator: ``NotFound`` gives 404, a malformed parameter 400."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc)) from exc
        except BadParameter as exc:
            raise BadRequest(str(exc)) from exc

    return wrapper
