"""The intake's periodic work, run by the worker (settings.PERIODIC_TASKS)."""

from django_tasks import task

from fabriek.intake.services import applications_anonymise_expired


@task()
def anonymise_expired_applications() -> int:
    """The retention rule for applicants who were not admitted; idempotent, so a second run changes nothing."""
    return applications_anonymise_expired()
