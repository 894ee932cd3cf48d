"""The events' periodic work, run by the worker (settings.PERIODIC_TASKS)."""

from django_tasks import task

from fabriek.events.registrations import reminders_send


@task()
def send_event_reminders() -> int:
    """The reminder the day before; idempotent, so a second run the same day sends nothing."""
    return reminders_send()
