"""The background worker: django-tasks-db's worker, plus heartbeats, dead-worker recovery and the schedule.

`manage.py run_worker` runs `run()`. Beside the worker loop (which claims one task at a time, also on
several workers at once: PostgreSQL hands each task to one of them with `SELECT ... FOR UPDATE SKIP
LOCKED`), a housekeeping thread every HEARTBEAT_SECONDS
- writes the worker's heartbeat,
- fails the running tasks of workers whose heartbeat is older than WORKER_DEAD_AFTER_SECONDS (a worker
  killed or lost with its machine), so that the jobs behind them are retried or failed, never left running,
- enqueues the periodic jobs that are due (`fabriek.core.schedule`).
"""

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from fabriek.core import schedule
from fabriek.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
#: What a task's traceback says when its worker died under it.
WORKER_DIED = "fabriek.core.worker.WorkerDied"


class WorkerDied(Exception):
    """The worker running a task stopped (killed, crashed, lost its machine) before the task finished."""


def dead_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "WORKER_DEAD_AFTER_SECONDS", 120))


def beat(worker_id: str, *, started_at: datetime.datetime, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "started_at": started_at, "seen_at": now},
    )


def reap_dead_workers(*, now: datetime.datetime | None = None, own_id: str = "") -> int:
    """Fail the tasks still marked running by workers that are dead; returns how many.

    A task's last worker is dead when its heartbeat is older than WORKER_DEAD_AFTER_SECONDS, or when it
    has none and the task started longer ago than that (a worker that never beat, such as django-tasks-db's
    plain `db_worker`). A worker never reaps itself.
    """
    now = now or timezone.now()
    threshold = now - dead_after()
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=threshold).values_list("worker_id", flat=True))
    alive.add(own_id)
    known = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    reaped = 0
    for result in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        last = result.worker_ids[-1] if result.worker_ids else ""
        if last in alive:
            continue
        if last not in known and result.started_at and result.started_at >= threshold:
            continue  # no heartbeat yet: give it the same grace as a beating worker
        # Only if it is still running: the worker may have finished it just now.
        reaped += DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=WORKER_DIED,
            traceback=f"{WORKER_DIED}: worker {last or '?'} stopped while running this task\n",
        )
        logger.warning("task %s failed: its worker %s is dead", result.pk, last or "?")
    WorkerHeartbeat.objects.filter(seen_at__lt=now - datetime.timedelta(days=1)).delete()
    return reaped


def housekeeping(worker_id: str, started_at: datetime.datetime, *, with_schedule: bool = True) -> None:
    """One round of the housekeeping thread: heartbeat, reap, schedule."""
    beat(worker_id, started_at=started_at)
    reap_dead_workers(own_id=worker_id)
    if with_schedule:
        schedule.tick()


def _housekeeping_loop(
    worker_id: str, started_at: datetime.datetime, stop: threading.Event, with_schedule: bool
) -> None:
    try:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                housekeeping(worker_id, started_at, with_schedule=with_schedule)
            except DatabaseError:
                # On SQLite a long import holds the write lock; the next round tries again.
                logger.warning("worker housekeeping skipped a round", exc_info=True)
            finally:
                close_old_connections()
    finally:
        connection.close()


def run(
    *, worker_id: str, queue_names: list[str], interval: float, batch: bool = False, with_schedule: bool = True
) -> None:
    """Run a worker until it is stopped (SIGINT/SIGTERM: finish the current task, then stop)."""
    started_at = timezone.now()
    housekeeping(worker_id, started_at, with_schedule=with_schedule)
    stop = threading.Event()
    thread = threading.Thread(
        target=_housekeeping_loop, args=(worker_id, started_at, stop, with_schedule), name="housekeeping", daemon=True
    )
    thread.start()
    worker = Worker(
        queue_names=queue_names,
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        stop.set()
        thread.join(timeout=HEARTBEAT_SECONDS + 5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
        except DatabaseError:
            logger.warning("could not remove the heartbeat of worker %s", worker_id)


def run_pending(*, worker_id: str = "inline") -> int:
    """Run every task that is ready now, in this process, then return how many ran.

    Unlike the worker loop it never closes the database connection, so tests can call it inside their
    transaction.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        with exclusive_transaction():
            result = DBTaskResult.objects.ready().get_locked()
            if result is not None:
                result.claim(worker_id)
        if result is None:
            return ran
        worker.run_task(result)
        ran += 1
