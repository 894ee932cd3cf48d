"""How far a running import job is, as seen by the process that runs it.

An import writes inside one transaction, and what a transaction writes is invisible to other connections
until it commits, so progress saved on the job row would not show while the records are written (and on
SQLite a second writer would have to wait for the import's lock). The worker therefore keeps its progress
here, in memory, and saves it on the row only while no transaction is open. The progress partial reads
this first and falls back to the row: exact in the process that runs the import (always the case with
SQLite and with a single server process), coarser but never wrong in another one.
"""

import threading

_lock = threading.Lock()
_progress: dict[int, tuple[str, int, int]] = {}


def report(job_id: int, phase: str, done: int, total: int) -> None:
    with _lock:
        _progress[job_id] = (phase, done, total)


def current(job_id: int) -> tuple[str, int, int] | None:
    with _lock:
        return _progress.get(job_id)


def forget(job_id: int) -> None:
    with _lock:
        _progress.pop(job_id, None)
