"""The spaces' periodic work, run daily by the worker (settings.PERIODIC_TASKS)."""

from django.utils import timezone
from django_tasks import task

from fabriek.programmes.models import Programme
from fabriek.spaces.clock import stay_clock_send


@task()
def send_stay_clock_mails() -> dict[str, int]:
    """The two-year clock mails of every programme for today; idempotent, so a repeated slot sends nothing."""
    today = timezone.localdate()
    return {
        programme.slug: stay_clock_send(programme=programme, today=today)
        for programme in Programme.objects.order_by("slug")
    }
