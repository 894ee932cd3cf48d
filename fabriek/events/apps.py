from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "fabriek.events"
    label = "events"
