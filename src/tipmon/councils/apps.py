from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "tipmon.councils"
    label = "councils"
    default_auto_field = "django.db.models.BigAutoField"
