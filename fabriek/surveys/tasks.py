"""The surveys' periodic work, run daily by the worker (settings.PERIODIC_TASKS)."""

from django.utils import timezone
from django_tasks import task

from fabriek.programmes.models import Programme
from fabriek.surveys.services import surveys_send_due


@task()
def send_due_surveys() -> dict[str, int]:
    """`send_due_surveys` for every programme on today's date; idempotent, so a repeated slot sends nothing."""
    today = timezone.localdate()
    sent = {}
    for programme in Programme.objects.order_by("slug"):
        result = surveys_send_due(programme=programme, today=today)
        sent[programme.slug] = result.invitations + result.reminders
    return sent
