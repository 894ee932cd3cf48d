from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "fabriek.reporting"
    label = "reporting"
