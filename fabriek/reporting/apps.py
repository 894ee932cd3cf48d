from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "fabriek.reporting"
    label = "reporting"

    def ready(self) -> None:
        from fabriek.reporting import watch

        watch.connect()
