from django.contrib import admin

from tipmon.trends.models import LawEnforcementYear, UnodcFigure


@admin.register(LawEnforcementYear)
class LawEnforcementYearAdmin(admin.ModelAdmin[LawEnforcementYear]):
    list_display = ("data_year", "prosecutions", "convictions", "victims_identified", "source")


@admin.register(UnodcFigure)
class UnodcFigureAdmin(admin.ModelAdmin[UnodcFigure]):
    list_display = ("country_in_source", "year", "indicator", "dimension", "category", "sex",
                    "age", "value", "dataset")  # fmt: skip
    list_filter = ("dataset", "indicator", "dimension", "sex", "age")
    search_fields = ("country_in_source", "country__iso3")
