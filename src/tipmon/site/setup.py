"""The CMS's groups, permissions and moderation workflow, set up idempotently.

* "Web editors" may enter the CMS, add and edit pages under the home page, and submit them
  for moderation; they cannot publish.
* "Web approvers" may do the same and also approve (publish), lock and unlock pages.
* The "Web moderation" workflow on the home page (so on every page under it) has one task:
  a web approver approves. Nobody bypasses it (Wagtail's
  ``WAGTAIL_WORKFLOW_REQUIRE_APPROVAL_TO_PUBLISH`` is left on).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from tipmon.site.models import HomePage

HOME_TITLE = "Monitoring and combating trafficking in persons"

EDITORS = "Web editors"
APPROVERS = "Web approvers"
WORKFLOW = "Web moderation"
TASK = "A web approver approves"

#: Global permissions: entering the CMS, and using documents and images in pages.
_COMMON = (
    "wagtailadmin.access_admin",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
)
#: Permissions over the page tree under the home page.
_PAGE_PERMS = {
    EDITORS: ("add_page", "change_page"),
    APPROVERS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}


class NoHomePage(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class SetupReport:
    created: list[str]

    def __str__(self) -> str:
        return ("Created: " + ", ".join(self.created)) if self.created else "Nothing to change."


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def home_page() -> HomePage:
    """The site's home page. Where the page tree is gone entirely (a database emptied table by
    table, as a transactional test's flush does), it is made again as the migrations made
    it: a root, the home page under it and the default site."""
    home: HomePage | None = HomePage.objects.first()
    if home is None and not Page.objects.exists():
        home = _rebuild_tree()
    if home is None:
        raise NoHomePage("There is no home page; run `tipmon migrate` first.")
    return home


@transaction.atomic
def _rebuild_tree() -> HomePage:
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="home"))
    Site.objects.create(
        hostname="localhost", root_page=home, is_default_site=True, site_name="TIP Monitor"
    )
    result: HomePage = home
    return result


@transaction.atomic
def setup_moderation() -> SetupReport:
    home = home_page()
    created: list[str] = []
    groups: dict[str, Group] = {}
    for name, page_perms in _PAGE_PERMS.items():
        group, made = Group.objects.get_or_create(name=name)
        groups[name] = group
        if made:
            created.append(f"group {name!r}")
        group.permissions.add(*(_permission(p) for p in _COMMON))
        for codename in page_perms:
            _, made = GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=_permission(f"wagtailcore.{codename}")
            )
            if made:
                created.append(f"{name}: {codename}")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK)
        created.append(f"task {TASK!r}")
    task.groups.set([groups[APPROVERS]])
    workflow, made = Workflow.objects.get_or_create(name=WORKFLOW)
    if made:
        created.append(f"workflow {WORKFLOW!r}")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if not WorkflowPage.objects.filter(page=home).exists():
        WorkflowPage.objects.create(workflow=workflow, page=Page.objects.get(pk=home.pk))
        created.append("workflow on the home page")
    return SetupReport(created)
