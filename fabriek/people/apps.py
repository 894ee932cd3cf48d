from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "fabriek.people"
    label = "people"
