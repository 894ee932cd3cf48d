from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "fabriek.imports"
    label = "imports"
