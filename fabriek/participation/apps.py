from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "fabriek.participation"
    label = "participation"
