from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "tipmon.data"
    label = "tipdata"
    default_auto_field = "django.db.models.BigAutoField"
