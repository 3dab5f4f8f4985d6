from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "tipmon.publishing"
    label = "publishing"
