from django.http import HttpRequest

from tipmon.core.navigation import PRIMARY_NAV, NavItem
from tipmon.tiers.rules import Basis


def site(request: HttpRequest) -> dict[str, object]:
    """Site-wide template values: the name, the primary navigation, the placement bases."""
    bases: tuple[Basis, ...] = tuple(Basis)
    nav: tuple[NavItem, ...] = PRIMARY_NAV
    return {"site_name": "TIP Monitor", "primary_nav": nav, "bases": bases}
