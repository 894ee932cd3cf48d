from typing import Any

from django.apps import AppConfig


def _restore_conflict(participation: Any) -> str | None:
    # Imported when a deletion is undone, not at start-up: the services bring the KvK client (httpx) with
    # them, a few hundred milliseconds that every process, `manage.py report` included, would pay.
    from fabriek.participation.services import restore_conflict

    return restore_conflict(participation)


class ParticipationConfig(AppConfig):
    name = "fabriek.participation"
    label = "participation"

    def ready(self) -> None:
        from fabriek.core.deletion import register_restore_check

        # undoing the deletion of a stay must not create an overlap with a stay entered since
        register_restore_check("participation.participation", _restore_conflict)
