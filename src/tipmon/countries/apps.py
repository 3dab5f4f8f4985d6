from django.apps import AppConfig


class CountriesConfig(AppConfig):
    name = "tipmon.countries"
    label = "countries"
    default_auto_field = "django.db.models.BigAutoField"
