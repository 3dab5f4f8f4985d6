from django.contrib import admin

from tipmon.assistance.models import Grant


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin[Grant]):
    list_display = ("fiscal_year", "country_in_source", "recipient", "amount_usd")
    list_filter = ("fiscal_year", "recipient_type")
    search_fields = ("country_in_source", "recipient")
