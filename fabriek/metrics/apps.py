from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "fabriek.metrics"
    label = "metrics"
