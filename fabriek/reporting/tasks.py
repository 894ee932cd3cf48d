from django.utils import timezone
from django_tasks import task

from fabriek.programmes.models import Programme
from fabriek.reporting import summary


@task()
def refresh_figures() -> int:
    """Every minute: bring the stored figures of what the report pages open on up to date after a change (an
    import, an edit, a new day), so pages seldom compute them while someone waits. Pages never depend on
    it: without it they compute what is missing themselves. Returns the number of programmes looked at."""
    today = timezone.localdate()
    programmes = list(Programme.objects.order_by("pk"))
    for programme in programmes:
        summary.refresh(programme, today=today)
    return len(programmes)
