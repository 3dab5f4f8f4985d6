from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tipmon.core"
    label = "core"
