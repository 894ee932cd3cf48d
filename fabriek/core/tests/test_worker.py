"""The worker's housekeeping: periodic jobs once per slot, and dead workers' tasks failed, never left running."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fabriek.core import schedule, worker
from fabriek.core.models import PeriodicRun, WorkerHeartbeat
from fabriek.core.schedule import Periodic
from fabriek.core.tasks import prune_task_results

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def test_slots_start_at_the_offset_after_midnight_utc() -> None:
    daily = Periodic(name="d", task="x", every=86400, offset=3 * 3600)
    assert daily.slot(datetime.datetime(2026, 11, 30, 2, 59, tzinfo=UTC)) == datetime.datetime(
        2026, 11, 29, 3, 0, tzinfo=UTC
    )
    assert daily.slot(datetime.datetime(2026, 11, 30, 3, 0, tzinfo=UTC)) == datetime.datetime(
        2026, 11, 30, 3, 0, tzinfo=UTC
    )
    minutely = Periodic(name="m", task="x", every=60)
    assert minutely.slot(datetime.datetime(2026, 11, 30, 10, 7, 59, tzinfo=UTC)) == datetime.datetime(
        2026, 11, 30, 10, 7, tzinfo=UTC
    )


def test_each_periodic_job_is_enqueued_once_per_slot_however_often_workers_tick(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PERIODIC_TASKS = {
        "prune": {"task": "fabriek.core.tasks.prune_task_results", "every": 3600},
    }
    now = datetime.datetime(2026, 11, 30, 10, 5, tzinfo=UTC)
    assert schedule.tick(now) == ["prune"]
    assert schedule.tick(now + datetime.timedelta(minutes=20)) == []  # same slot, another worker
    assert DBTaskResult.objects.filter(task_path="fabriek.core.tasks.prune_task_results").count() == 1
    assert schedule.tick(now + datetime.timedelta(hours=1)) == ["prune"]  # the next slot
    assert PeriodicRun.objects.count() == 2


def test_the_slot_row_refuses_a_second_enqueue_by_constraint(settings) -> None:  # type: ignore[no-untyped-def]
    # what happens when two workers pass the exists() check at the same moment: the insert is refused
    settings.PERIODIC_TASKS = {"prune": {"task": "fabriek.core.tasks.prune_task_results", "every": 3600}}
    now = datetime.datetime(2026, 11, 30, 10, 5, tzinfo=UTC)
    original = PeriodicRun.objects.filter

    class Blind:
        def exists(self) -> bool:
            return False

    PeriodicRun.objects.create(name="prune", slot=datetime.datetime(2026, 11, 30, 10, 0, tzinfo=UTC))
    PeriodicRun.objects.filter = lambda **kw: Blind()  # type: ignore[method-assign]
    try:
        assert schedule.tick(now) == []
    finally:
        PeriodicRun.objects.filter = original  # type: ignore[method-assign]
    assert not DBTaskResult.objects.exists()


def running_task(worker_id: str, started: datetime.datetime) -> DBTaskResult:
    result = prune_task_results.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=[worker_id], started_at=started)
    return DBTaskResult.objects.get(pk=result.id)


def test_the_tasks_of_a_worker_that_stopped_beating_are_failed(settings) -> None:  # type: ignore[no-untyped-def]
    settings.WORKER_DEAD_AFTER_SECONDS = 120
    now = timezone.now()
    started = now - datetime.timedelta(minutes=30)
    WorkerHeartbeat.objects.create(
        worker_id="dead", hostname="h", pid=1, started_at=started, seen_at=now - datetime.timedelta(minutes=3)
    )
    WorkerHeartbeat.objects.create(
        worker_id="alive", hostname="h", pid=2, started_at=started, seen_at=now - datetime.timedelta(seconds=30)
    )
    orphan = running_task("dead", started)
    busy = running_task("alive", started)
    unknown_old = running_task("never-beat", started)
    unknown_new = running_task("just-started", now - datetime.timedelta(seconds=10))
    mine = running_task("me", started)
    assert worker.reap_dead_workers(now=now, own_id="me") == 2
    states = {r.pk: (r.status, r.exception_class_path) for r in DBTaskResult.objects.all()}
    assert states[orphan.pk] == ("FAILED", worker.WORKER_DIED)
    assert states[unknown_old.pk] == ("FAILED", worker.WORKER_DIED)
    assert states[busy.pk][0] == "RUNNING"
    assert states[unknown_new.pk][0] == "RUNNING"
    assert states[mine.pk][0] == "RUNNING"


def test_run_pending_runs_what_is_ready() -> None:
    prune_task_results.enqueue()
    assert worker.run_pending() == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert worker.run_pending() == 0


def test_every_configured_periodic_job_names_a_task_the_worker_can_enqueue() -> None:
    from django.conf import settings
    from django.utils.module_loading import import_string

    for name, spec in settings.PERIODIC_TASKS.items():
        assert callable(import_string(spec["task"]).enqueue), name
        assert spec["every"] > 0, name
