from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "fabriek.spaces"
    label = "spaces"
