from django.contrib import admin

from tipmon.data.models import Dataset


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin[Dataset]):
    """Provenance is loaded from the sidecars; the admin shows it and does not edit it."""

    list_display = ("key", "title", "edition", "row_count", "loaded_at")
    readonly_fields = [f.name for f in Dataset._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
