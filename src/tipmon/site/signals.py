"""Publishing and unpublishing a CMS page go into the project's audit log too (Wagtail keeps
its own history of every action as well)."""

from __future__ import annotations

from typing import Any

from wagtail.signals import page_published, page_unpublished

from tipmon.core import audit


def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    user = getattr(revision, "user", None)
    audit.record(
        "cms.page.published", instance, user, title=instance.title, url_path=instance.url_path
    )


def _unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    audit.record(
        "cms.page.unpublished", instance, None, title=instance.title, url_path=instance.url_path
    )


def connect() -> None:
    page_published.connect(_published, dispatch_uid="tipmon-site-page-published")
    page_unpublished.connect(_unpublished, dispatch_uid="tipmon-site-page-unpublished")
