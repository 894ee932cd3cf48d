"""Housekeeping tasks of the task system itself."""

import datetime

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from fabriek.core.models import PeriodicRun

#: Finished task results and periodic-run rows are kept this long (for looking into what happened).
KEEP_DAYS = 30


@task()
def prune_task_results() -> int:
    """Delete finished task results and periodic runs older than KEEP_DAYS; returns how many tasks."""
    before = timezone.now() - datetime.timedelta(days=KEEP_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    PeriodicRun.objects.filter(slot__lt=before).delete()
    return deleted
