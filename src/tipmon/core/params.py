"""Parsing request parameters into domain values, with messages a reader can act on."""

from __future__ import annotations

from tipmon.countries.models import Bureau
from tipmon.tiers.rules import Tier, parse_tier


class BadParameter(ValueError):
    """A request parameter is malformed; rendered as HTTP 400 on pages and in the API."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"Parameter {name!r}: {message}")
        self.name = name


def tier_param(value: str | None, name: str = "tier") -> Tier | None:
    if value is None or value == "":
        return None
    try:
        return parse_tier(value)
    except ValueError as exc:
        raise BadParameter(name, str(exc)) from exc


def bureau_param(value: str | None, name: str = "region") -> str | None:
    if value is None or value == "":
        return None
    code = value.upper()
    if code not in Bureau.values:
        raise BadParameter(
            name, f"{value!r} is not a region; expected one of {', '.join(Bureau.values)}"
        )
    return code


def int_param(value: str | None, name: str, *, minimum: int, maximum: int) -> int | None:
    if value is None or value == "":
        return None
    if not value.strip().isdigit():
        raise BadParameter(name, f"{value!r} is not a whole number")
    number = int(value)
    if not minimum <= number <= maximum:
        raise BadParameter(name, f"{number} is outside {minimum}..{maximum}")
    return number
