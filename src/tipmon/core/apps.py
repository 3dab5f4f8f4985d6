from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tipmon.core"
    label = "core"

    def ready(self) -> None:
        from tipmon.core import throttle  # noqa: F401 - connects the failed sign-in receiver
