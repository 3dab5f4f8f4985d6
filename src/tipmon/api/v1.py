"""API v1: one NinjaAPI, the domain routers, and errors in the one envelope."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from tipmon.api.envelope import error
from tipmon.core.errors import NotFound
from tipmon.core.params import BadParameter
from tipmon.countries.api import router as countries_router
from tipmon.countries.gazetteer import CountryResolutionError
from tipmon.data.api import router as datasets_router
from tipmon.data.services import DatasetNotLoaded
from tipmon.opendata.series import UnknownValue
from tipmon.tiers.api import router as tiers_router
from tipmon.tiers.services import ReportYearNotFound
from tipmon.trends.api import router as law_enforcement_router
from tipmon.trends.api import unodc_router
from tipmon.trends.api_countries import router as law_enforcement_countries_router

#: No path or query parameter may hold NUL: the request is refused with 400 before a view runs
#: (``tipmon.core.middleware.NulParameterMiddleware``), and the OpenAPI document says so.
NO_NUL = "^[^\\u0000]*$"


def _forbid_nul(schema: dict[str, Any]) -> None:
    if "enum" in schema or "pattern" in schema or "$ref" in schema:
        return
    if schema.get("type") == "string":
        schema["pattern"] = NO_NUL
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, ()):
            _forbid_nul(option)
    if isinstance(schema.get("items"), dict):
        _forbid_nul(schema["items"])


class TipMonitorAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for parameter in operation.get("parameters", ()):
                    if parameter.get("in") in {"query", "path"} and "schema" in parameter:
                        _forbid_nul(parameter["schema"])
        return schema


api = TipMonitorAPI(
    title="TIP Monitor API",
    version="1",
    description=(
        "Open data on trafficking in persons: tier placements 2001-2025 with the basis of each, "
        "the global law-enforcement table, UNODC country figures. Every response carries its "
        "sources in `meta.source`."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)
api.add_router("/countries", countries_router)
api.add_router("/tiers", tiers_router)
api.add_router("/law-enforcement", law_enforcement_router)
api.add_router("/unodc", unodc_router)
api.add_router("/law-enforcement/countries", law_enforcement_countries_router)
api.add_router("/datasets", datasets_router)


def _parameter(loc: tuple[object, ...]) -> str:
    """The query or path parameter a validation error is about, as a client spells it.

    ``("query", "params", "country", 0)`` is ``country``: the second name is the view's
    argument holding a parameter schema, and the index is the position of a repeated value.
    """
    names = [str(p) for p in loc[1:] if not isinstance(p, int)]
    if loc and loc[0] in {"query", "path"} and len(names) >= 2:
        names = names[1:]
    return ".".join(names)


def _validation_message(exc: ValidationError) -> tuple[str, list[str]]:
    parts, names = [], []
    for problem in exc.errors:
        where = _parameter(tuple(problem.get("loc", ())))
        names.append(where)
        parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "The request is not valid.", names


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    message, names = _validation_message(exc)
    details = {"parameter": names[0]} if names and names[0] else None
    return api.create_response(request, error("bad_parameter", message, details), status=400)


@api.exception_handler(BadParameter)
def on_bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
    body = error("bad_parameter", str(exc), {"parameter": exc.name})
    return api.create_response(request, body, status=400)


@api.exception_handler(NotFound)
def on_not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return api.create_response(request, error("not_found", str(exc)), status=404)


@api.exception_handler(UnknownValue)
def on_unknown_value(request: HttpRequest, exc: UnknownValue) -> HttpResponse:
    body = error("not_found", str(exc), {"parameter": exc.name})
    return api.create_response(request, body, status=404)


@api.exception_handler(ReportYearNotFound)
def on_year_not_found(request: HttpRequest, exc: ReportYearNotFound) -> HttpResponse:
    body = error("not_found", str(exc), {"first_year": exc.first, "last_year": exc.last})
    return api.create_response(request, body, status=404)


@api.exception_handler(CountryResolutionError)
def on_unresolved(request: HttpRequest, exc: CountryResolutionError) -> HttpResponse:
    candidates = [{"iso3": c.iso3, "short_name": c.short_name} for c in exc.candidates]
    body = error(f"{exc.reason}_country_name", str(exc), {"candidates": candidates})
    return api.create_response(request, body, status=400 if exc.reason == "empty" else 404)


@api.exception_handler(DatasetNotLoaded)
def on_not_loaded(request: HttpRequest, exc: DatasetNotLoaded) -> HttpResponse:
    return api.create_response(request, error("data_not_loaded", str(exc)), status=503)


@api.exception_handler(Http404)
def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, error("not_found", str(exc) or "Not found."), status=404)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    body = error("http_error", str(exc))
    return api.create_response(request, body, status=exc.status_code)
