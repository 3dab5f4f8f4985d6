"""Every route, for every persona: public pages answer anyone; staff pages need a role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from routing import all_routes

pytestmark = pytest.mark.django_db

#: Concrete addresses for each named route; a new route without an entry fails the test.
PUBLIC = {
    "site:home": "/",
    "site:search": "/search?q=shelter",
    "countries:index": "/countries",
    "countries:profile": "/countries/THA",
    "tiers:latest": "/tiers",
    "tiers:year": "/tiers/2024",
    "tiers:statute": "/tiers/2024/statute",
    "trends:index": "/trends/",
    "trends:transitions": "/trends/transitions",
    "trends:movers": "/trends/movers",
    "trends:law-enforcement": "/trends/law-enforcement",
    "trends:legacy-law-enforcement": "/law-enforcement",
    "trends:victims": "/trends/victims",
    "trends:compare": "/trends/compare?country=THA",
    "trends:coverage": "/trends/coverage",
    "trends:map": "/trends/map",
    "trends:forecast": "/trends/forecast",
    "data:sources": "/data/sources",
    "opendata:index": "/data/open",
    "opendata:dictionary": "/data/open/dictionary",
    "opendata:datapackage": "/data/open/datapackage.json",
    "opendata:download": "/data/open/tier_placements.csv",
    "publishing:index": "/reports",
    "evidence:submit": "/submissions/new",
    "councils:index": "/councils/",
    "councils:recommendations": "/councils/recommendations/",
    "councils:interagency": "/interagency/",
    "councils:interagency-csv": "/interagency/commitments.csv",
    "documents:form": "/domestic-workers/",
    "documents:translations": "/domestic-workers/translations",
    "set-language": "/language/es/?next=/",
}
#: Public once their cycle is published, 404 before (tests/assessments/test_embargo.py and
#: tests/publishing/test_report.py prove both sides).
EMBARGOED = {"publishing:report", "publishing:pdf", "publishing:country", "publishing:interim"}
#: Public for the records that may be public: a council member with recorded consent, a
#: published meeting, a year's progress report (tests/councils/test_privacy.py).
PUBLIC_RECORDS = {"councils:council", "councils:public-member", "councils:public-meeting",
                  "councils:photo", "councils:progress", "councils:progress-pdf"}  # fmt: skip
#: The CMS's pages (and their documents and password forms) are likewise 404 until an editor's
#: page is published; the access matrix seeds the site and tries each, tests/site the rest.
EMBARGOED |= {
    "site:latest",
    "site:policy-issues",
    "site:programs",
    "site:compacts",
    "site:councils",
    "site:domestic-workers",
    "wagtail_serve",
    "wagtaildocs_serve",
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
}
PUBLIC_API_PREFIX = "api/v1/"
#: Staff areas: the Django admin (staff role), the workspace (a role on the cycle, see
#: tests/assessments/test_embargo.py) and the sign-in pages.
#: The CMS's editing interface, ``cms/``, is staff too (tests/site/test_cms_admin_access.py
#: tries every route).
STAFF_PREFIX = ("admin/", "work/", "accounts/", "cms/")


def test_every_route_is_classified_as_public_api_or_staff() -> None:
    prefixes = (PUBLIC_API_PREFIX, *STAFF_PREFIX)
    unclassified = [
        (route, name)
        for route, name in all_routes()
        if name not in PUBLIC | dict.fromkeys(EMBARGOED | PUBLIC_RECORDS)
        and not route.startswith(prefixes)
    ]
    assert not unclassified, f"classify these routes in PUBLIC or a prefix: {unclassified}"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_answer_an_anonymous_reader(client: Client, name: str) -> None:
    response = client.get(PUBLIC[name])
    assert response.status_code in {200, 301, 302}


def test_the_admin_asks_anonymous_readers_to_sign_in(client: Client) -> None:
    for url in ("/admin/", "/admin/tiers/tierplacement/", "/admin/tipdata/dataset/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_the_admin_refuses_a_signed_in_user_without_staff_role(client: Client) -> None:
    User.objects.create_user("reader", password="a long enough passphrase 42")
    client.login(username="reader", password="a long enough passphrase 42")
    response = client.get("/admin/tiers/tierplacement/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_with_a_superuser_role_reach_the_admin(admin_client: Client) -> None:
    assert admin_client.get("/admin/tiers/tierplacement/").status_code == 200


def test_security_headers_are_set_on_pages(client: Client) -> None:
    response = client.get("/countries/THA")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
