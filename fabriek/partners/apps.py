from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "fabriek.partners"
    label = "partners"
