from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "tipmon.site"
    label = "site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tipmon.site import signals

        signals.connect()
        _cms_models_out_of_the_django_admin()


def _cms_models_out_of_the_django_admin() -> None:
    """Documents, images and tags are the CMS's: edited in /cms/ with its permissions, not
    in the Django admin, which their apps register them with by default."""
    from django.apps import apps
    from django.contrib import admin

    for label in ("wagtaildocs.Document", "wagtailimages.Image", "taggit.Tag"):
        model = apps.get_model(label)
        if admin.site.is_registered(model):
            admin.site.unregister(model)
