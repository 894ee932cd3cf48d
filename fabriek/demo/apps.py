from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "fabriek.demo"
    label = "demo"
