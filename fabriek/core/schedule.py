"""Periodic jobs: each worker enqueues the jobs in settings.PERIODIC_TASKS once per slot.

A slot is a period of `every` seconds starting `offset` seconds after midnight UTC (every=86400,
offset=10800 is daily at 03:00 UTC). However many workers run, a slot's job is enqueued once: the first
worker inserts a `PeriodicRun` row for (name, slot), and the unique constraint refuses every other
(no select_for_update, so this holds on SQLite too). A slot missed while no worker ran is caught up
once, by the first worker that starts afterwards.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from fabriek.core.models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str  # dotted path of a django-tasks Task
    every: int  # seconds
    offset: int = 0  # seconds after midnight UTC

    def slot(self, now: datetime.datetime) -> datetime.datetime:
        """The start of the slot `now` falls in."""
        seconds = int(now.timestamp()) - self.offset
        start = seconds - seconds % self.every + self.offset
        return datetime.datetime.fromtimestamp(start, tz=datetime.UTC)


def periodic_tasks() -> list[Periodic]:
    return [
        Periodic(name=name, task=spec["task"], every=int(spec["every"]), offset=int(spec.get("offset", 0)))
        for name, spec in getattr(settings, "PERIODIC_TASKS", {}).items()
    ]


def tick(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every periodic job whose current slot has not been enqueued yet; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for periodic in periodic_tasks():
        slot = periodic.slot(now)
        if PeriodicRun.objects.filter(name=periodic.name, slot=slot).exists():
            continue
        try:
            # The task row and the slot's row commit together (the database backend keeps tasks in the
            # same database): either both exist or neither does.
            with transaction.atomic():
                PeriodicRun.objects.create(name=periodic.name, slot=slot)
                import_string(periodic.task).enqueue()
        except IntegrityError:
            continue  # another worker enqueued this slot first
        except ImportError:
            logger.exception("periodic job %s names no task: %s", periodic.name, periodic.task)
            continue
        enqueued.append(periodic.name)
        logger.info("enqueued periodic job %s for %s", periodic.name, slot)
    return enqueued
