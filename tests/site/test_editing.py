"""Editors draft, submit and schedule; web approvers approve; rich text is sanitised.

Everything goes through Wagtail's own paths: the admin's edit form and workflow actions
posted by real users, revisions, and the ``publish_scheduled`` command."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tipmon.site.models import NewsIndexPage, NewsPage, sanitise_rich_text
from tipmon.site.seed import SeedReport

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Hello<script>alert(1)</script></p>'
    '<a href="javascript:alert(2)" onmouseover="x()">click</a>'
    '<img src="x" onerror="alert(3)"><style>body{display:none}</style>'
    '<iframe src="https://example.org/"></iframe><h2 style="color:red">Heading</h2>'
)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _draft(title: str = "A draft item") -> NewsPage:
    index = NewsIndexPage.objects.get()
    page = NewsPage(
        title=title, slug="a-draft-item", summary="Draft.", date=date(2026, 4, 1), live=False
    )
    index.add_child(instance=page)
    page.save_revision()
    return page


def _edit_form(page: NewsPage, body: Any, action: str | None) -> dict[str, Any]:
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": body,
            "date": page.date.isoformat(),
            "kind": page.kind,
            "tags": "",
            "comments": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return data


def _assert_clean(html: str) -> None:
    lowered = html.lower()
    for bad in (
        "<script",
        "onclick",
        "onmouseover",
        "onerror",
        "javascript:",
        "<style",
        "<iframe",
        "style=",
    ):
        assert bad not in lowered, (bad, html)


def test_an_editor_saves_a_draft_that_readers_cannot_see(web_editor: User, client: Client) -> None:
    page = _draft()
    response = _client(web_editor).post(
        f"/cms/pages/{page.pk}/edit/", _edit_form(page, rich_text("<p>Draft text</p>"), None)
    )
    assert response.status_code == 302, response.content[:2000]
    assert page.revisions.count() == 2
    assert client.get(page.url_path.removeprefix("/home")).status_code == 404
    assert "Draft text" not in client.get("/news/").content.decode()


def test_an_editor_cannot_publish_and_a_web_approver_publishes_what_was_submitted(
    web_editor: User, web_approver: User, client: Client
) -> None:
    page = _draft()
    editor = _client(web_editor)
    editor.post(
        f"/cms/pages/{page.pk}/edit/",
        _edit_form(page, rich_text("<p>Tried to publish</p>"), "action-publish"),
    )
    page.refresh_from_db()
    assert not page.live
    response = editor.post(
        f"/cms/pages/{page.pk}/edit/",
        _edit_form(page, rich_text("<p>For review</p>"), "action-submit"),
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == "in_progress"
    task_state = state.current_task_state
    refused = editor.post(
        f"/cms/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    page.refresh_from_db()
    assert refused.status_code in {302, 403}
    assert not page.live
    approved = _client(web_approver).post(
        f"/cms/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "Fine."}
    )
    assert approved.status_code in {200, 302}
    page.refresh_from_db()
    assert page.live
    assert "For review" in client.get("/news/a-draft-item/").content.decode()
    assert page.revisions.count() >= 3  # every save kept


def test_a_scheduled_page_goes_live_when_publish_scheduled_runs(
    client: Client, seeded: SeedReport
) -> None:
    page = _draft("Embargoed until Monday")
    later = timezone.now() + timedelta(days=3)
    page.go_live_at = later
    revision = page.save_revision(approved_go_live_at=later)
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get("/news/a-draft-item/").status_code == 404
    call_command("publish_scheduled")
    assert client.get("/news/a-draft-item/").status_code == 404
    # Three days pass: the approved time and the page's own go-live time are now behind us.
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=past, content=revision.content
    )
    call_command("publish_scheduled")
    assert client.get("/news/a-draft-item/").status_code == 200


def test_script_pasted_into_rich_text_is_dropped_on_the_admin_save(
    web_editor: User, seeded: SeedReport
) -> None:
    page = _draft()
    contentstate = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "text": '<script>alert(1)</script> <b onclick="x()">see</b>',
                "entityRanges": [{"offset": 0, "length": 8, "key": 0}],
            },
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
        },
    }
    response = _client(web_editor).post(
        f"/cms/pages/{page.pk}/edit/", _edit_form(page, json.dumps(contentstate), None)
    )
    assert response.status_code == 302
    page.refresh_from_db()
    stored = page.get_latest_revision().content["body"]
    assert "javascript:" not in stored
    assert "<script" not in stored  # the pasted text is kept as text, escaped
    assert "&lt;script&gt;" in stored


def test_hostile_html_saved_any_other_way_is_sanitised_too(seeded: SeedReport) -> None:
    page = _draft()
    page.body = HOSTILE
    revision = page.save_revision()
    _assert_clean(revision.content["body"])
    assert "Hello" in revision.content["body"]
    assert "alert" not in revision.content["body"]  # script and style go, contents too
    assert re.search(r"<h2[^>]*>Heading</h2>", revision.content["body"])
    revision.publish()
    _assert_clean(Page.objects.get(pk=page.pk).specific.body)


def test_sanitising_keeps_the_editors_features() -> None:
    html = (
        "<h2>Title</h2><p>Some <b>bold</b>, <i>italic</i> and a "
        '<a href="https://www.state.gov/">link</a>.</p><ul><li>one</li></ul>'
    )
    assert re.sub(r' data-block-key="\w+"', "", sanitise_rich_text(html)) == html
    _assert_clean(sanitise_rich_text(HOSTILE))
