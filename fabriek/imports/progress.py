"""How far a running import job is.

The process that runs a step keeps its progress in memory (exact, for a step run within a request) and
saves it on the job's row at most every SAVE_EVERY_SECONDS, so the upload page in any web process can show
it. Applying runs inside one transaction, whose writes other connections cannot see until it commits: there
the row is updated through a second connection of its own, on PostgreSQL. SQLite allows one writer at a
time, so there the applying step shows no row counts (the page says it is importing).
"""

import threading
import time
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.utils import timezone

_lock = threading.Lock()
_progress: dict[int, tuple[str, int, int]] = {}

#: Save progress on the job's row at most this often.
SAVE_EVERY_SECONDS = 0.5


def report(job_id: int, phase: str, done: int, total: int) -> None:
    with _lock:
        _progress[job_id] = (phase, done, total)


def current(job_id: int) -> tuple[str, int, int] | None:
    with _lock:
        return _progress.get(job_id)


def forget(job_id: int) -> None:
    with _lock:
        _progress.pop(job_id, None)


class Reporter:
    """The `progress(phase, done, total)` callback of one running step of a job."""

    def __init__(self, job_id: int, *, in_transaction: bool) -> None:
        self.job_id = job_id
        self.in_transaction = in_transaction
        self.saved_at = 0.0
        self.side: Any = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        report(self.job_id, phase, done, total)
        now = time.monotonic()
        if now - self.saved_at < SAVE_EVERY_SECONDS and done != total:
            return
        self.saved_at = now
        self._save(phase, done, total)

    def _save(self, phase: str, done: int, total: int) -> None:
        from fabriek.imports.models import ImportJob

        if not self.in_transaction:
            ImportJob.objects.filter(pk=self.job_id).update(
                phase=phase, rows_done=done, rows_total=total, updated_at=timezone.now()
            )
            return
        if connection.vendor != "postgresql":
            return
        if self.side is None:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
            with self.side.cursor() as cursor:
                # Progress is best effort: when the step's own transaction holds the job's row, the side
                # connection must give up rather than wait for a transaction that waits for it.
                cursor.execute("SET lock_timeout = '200ms'")
        table = ImportJob._meta.db_table
        try:
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET phase = %s, rows_done = %s, rows_total = %s, updated_at = %s WHERE id = %s",  # noqa: S608 - the table name is the model's
                    [phase, done, total, timezone.now(), self.job_id],
                )
        except DatabaseError:
            return  # the side connection is in autocommit: the refused update leaves nothing to undo

    def close(self) -> None:
        forget(self.job_id)
        if self.side is not None:
            self.side.close()
            self.side = None
