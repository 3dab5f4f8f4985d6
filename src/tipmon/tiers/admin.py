from django.contrib import admin

from tipmon.tiers.models import TierPlacement


@admin.register(TierPlacement)
class TierPlacementAdmin(admin.ModelAdmin[TierPlacement]):
    list_display = ("country", "report_year", "tier", "basis")
    list_filter = ("report_year", "tier", "basis")
    search_fields = ("country__iso3", "country__short_name", "name_in_source")
    list_select_related = ("country",)
