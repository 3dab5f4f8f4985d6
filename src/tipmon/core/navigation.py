"""The public site's primary navigation, in one place.

The editorial sections are CMS pages at fixed addresses (the seed creates them there:
``tipmon site seed``); each has a named route, so the navigation links to them like to the
Django views (countries, tiers, trends, the API), which stay Django views."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    url_name: str


#: Route name (in the ``site`` namespace) -> the CMS page's slug under the home page.
CMS_SECTIONS: dict[str, str] = {
    "latest": "news",
    "policy-issues": "policy-issues",
    "programs": "international-programs",
    "compacts": "compact-partnerships",
    "councils": "advisory-councils",
    "domestic-workers": "domestic-workers-protections",
}

PRIMARY_NAV: tuple[NavItem, ...] = (
    NavItem("Home", "site:home"),
    NavItem("The Latest", "site:latest"),
    NavItem("Policy issues", "site:policy-issues"),
    NavItem("Programs", "site:programs"),
    NavItem("Countries", "countries:index"),
    NavItem("Tier lists", "tiers:latest"),
    NavItem("Reports", "publishing:index"),
    NavItem("Trends", "trends:index"),
    NavItem("Open data", "opendata:index"),
    NavItem("API", "api-v1:openapi-view"),
    NavItem("Search", "site:search"),
)
