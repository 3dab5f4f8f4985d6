"""The public site keeps its strict content security policy; only the CMS admin is relaxed."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tipmon.site.seed import SeedReport

pytestmark = pytest.mark.django_db


def _policy(client: Client, url: str) -> dict[str, str]:
    header = client.get(url)["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";"))}


def test_public_cms_pages_get_the_strict_policy(client: Client, seeded: SeedReport) -> None:
    for url in ("/", "/news/", "/news/feed/atom/", "/search?q=debt"):
        policy = _policy(client, url)
        assert policy["style-src"] == "style-src 'self'", url
        assert policy["script-src"] == "script-src 'self'", url
        assert policy["frame-ancestors"] == "frame-ancestors 'none'", url


def test_only_the_cms_admin_gets_inline_styles_and_same_site_framing(
    admin_user: User, seeded: SeedReport
) -> None:
    client = Client()
    client.force_login(admin_user)
    policy = _policy(client, "/cms/")
    assert policy["style-src"] == "style-src 'self' 'unsafe-inline'"
    assert policy["frame-ancestors"] == "frame-ancestors 'self'"
    assert policy["script-src"] == "script-src 'self'"
    # A page whose address merely starts like the CMS's is not relaxed.
    assert _policy(client, "/cms-news/")["style-src"] == "style-src 'self'"


def test_the_cms_editor_runs_no_inline_script_not_even_the_date_choosers(
    admin_user: User, seeded: SeedReport
) -> None:
    from tipmon.site.models import NewsPage

    client = Client()
    client.force_login(admin_user)
    page = NewsPage.objects.first()
    assert page is not None
    html = client.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    inline = [
        body
        for attrs, body in scripts
        if "src=" not in attrs and "json" not in attrs and body.strip()
    ]
    assert inline == []
    assert 'data-chooser="initDateChooser" data-target="id_date"' in html
    assert 'data-chooser="initDateTimeChooser" data-target="id_go_live_at"' in html
