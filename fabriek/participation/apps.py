from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "fabriek.participation"
    label = "participation"

    def ready(self) -> None:
        from fabriek.core.deletion import register_restore_check
        from fabriek.participation.services import restore_conflict

        # undoing the deletion of a stay must not create an overlap with a stay entered since
        register_restore_check("participation.participation", restore_conflict)  # type: ignore[arg-type]
