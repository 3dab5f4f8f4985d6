"""The public site's primary navigation, in one place."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    url_name: str


PRIMARY_NAV: tuple[NavItem, ...] = (
    NavItem("Home", "site:home"),
    NavItem("Countries", "countries:index"),
    NavItem("Tier lists", "tiers:latest"),
    NavItem("Reports", "publishing:index"),
    NavItem("Trends", "trends:index"),
    NavItem("Open data", "opendata:index"),
    NavItem("API", "api-v1:openapi-view"),
)
