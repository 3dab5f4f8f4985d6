"""Turn domain lookups that fail into the right HTTP status for pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse

from tipmon.core.params import BadParameter
from tipmon.countries.services import CountryNotFound
from tipmon.tiers.services import ReportYearNotFound

P = ParamSpec("P")


def page_errors(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """A view decorator: unknown country or year gives 404, a malformed parameter 400."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except (CountryNotFound, ReportYearNotFound) as exc:
            raise Http404(str(exc)) from exc
        except BadParameter as exc:
            raise BadRequest(str(exc)) from exc

    return wrapper
