"""The site's root is a HomePage from the first migration on, in place of Wagtail's welcome
page, so that ``/`` shows the home page (with the tier map) before any seed content exists.
``tipmon site seed`` fills in the text and the sections."""

from typing import Any

from django.db import migrations

HOME_TITLE = "Monitoring and combating trafficking in persons"


def create_home(apps: Any, schema_editor: Any) -> None:
    content_type_model = apps.get_model("contenttypes.ContentType")
    page_model = apps.get_model("wagtailcore.Page")
    site_model = apps.get_model("wagtailcore.Site")
    home_model = apps.get_model("site.HomePage")
    locale_model = apps.get_model("wagtailcore.Locale")
    if home_model.objects.exists():
        return
    # Wagtail's own first migration makes a welcome page at /00010001/; replace it.
    page_model.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    home_type, _ = content_type_model.objects.get_or_create(model="homepage", app_label="site")
    used = set(page_model.objects.filter(depth=2).values_list("path", flat=True))
    number = 1
    while f"0001{number:04d}" in used:
        number += 1
    home = home_model.objects.create(
        title=HOME_TITLE,
        draft_title=HOME_TITLE,
        slug="home",
        content_type=home_type,
        path=f"0001{number:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale_model.objects.order_by("pk").first(),
        live=True,
        mission="",
        summary="",
        body="",
        programs_intro="",
        lines_of_effort="[]",
    )
    root = page_model.objects.get(depth=1)
    root.numchild = page_model.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site_model.objects.filter(is_default_site=True).delete()
    site_model.objects.create(
        hostname="localhost", root_page=home, is_default_site=True, site_name="TIP Monitor"
    )


def remove_home(apps: Any, schema_editor: Any) -> None:
    apps.get_model("site.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_home, remove_home)]
