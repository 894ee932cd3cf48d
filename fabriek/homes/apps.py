from django.apps import AppConfig


class HomesConfig(AppConfig):
    name = "fabriek.homes"
    label = "homes"
