from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "fabriek.mentoring"
    label = "mentoring"
