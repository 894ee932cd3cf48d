from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "fabriek.programmes"
    label = "programmes"
