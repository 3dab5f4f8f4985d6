from django.contrib import admin

from tipmon.countries.models import Country


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin[Country]):
    list_display = ("iso3", "short_name", "bureau", "kind", "tip_covered")
    list_filter = ("bureau", "kind", "tip_covered")
    search_fields = ("iso3", "short_name", "formal_name")
