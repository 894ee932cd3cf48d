from django.apps import AppConfig


class DeletionsConfig(AppConfig):
    """The staff page of recent deletions with their undo buttons (the engine is `fabriek.core.deletion`)."""

    name = "fabriek.deletions"
    label = "deletions"
