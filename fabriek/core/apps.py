from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fabriek.core"
    label = "core"
