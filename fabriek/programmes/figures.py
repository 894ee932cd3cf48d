"""The per-programme figures version: goes up whenever a record the figures are computed from changes.

Why a counter written in the writer's own transaction (and not a cache that is cleared afterwards): a reader
reads the version first and computes afterwards, so whatever it computes is at least as new as the version
it files it under. A commit after that read raises the version, and the stored figures no longer match it.
Clearing after the commit would leave a moment (or, after a crash, forever) in which old figures look
current.

The cost is that writers of one programme queue for a moment on its version row (PostgreSQL), which the
bulk writers keep short by raising the version once, as their last statement (`figures_changed`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from django.db import connection

from fabriek.programmes.models import FiguresVersion, Programme


class _Told:
    """What this connection's open transaction has raised already: programme id (or EVERY) -> the commit hook
    registered with that raise. The hook lives exactly as long as the raise can still be seen: Django drops
    it at a rollback, at the rollback of the savepoint it was registered in, and at the commit."""

    EVERY = -1  # no programme has this id

    def __init__(self) -> None:
        self.marks: dict[int, Callable[[], None]] = {}

    def pending(self) -> set[int]:
        live = {id(entry[1]) for entry in connection.run_on_commit}  # (savepoints, hook, robust)
        return {key for key, mark in self.marks.items() if id(mark) in live}


_local = threading.local()


def _told() -> _Told:
    if not hasattr(_local, "told"):
        _local.told = _Told()
    told: _Told = _local.told
    return told


def figures_changed(*, programme_ids: Iterable[int] | None = None) -> None:
    """Raise the figures version of these programmes (all programmes when None) in the current transaction.
    A programme without a version row gets one; one statement on SQLite and on PostgreSQL alike.

    Within one transaction a programme is raised once until someone reads its version: deleting a company
    with a thousand figures sends a thousand delete signals, and one statement is enough for all of them."""
    told = _told() if connection.in_atomic_block else None
    pending = told.pending() if told is not None else set()
    if _Told.EVERY in pending:
        return
    if programme_ids is None:
        ids = sorted(set(Programme.objects.values_list("pk", flat=True)) - pending)
        told_now = [*ids, _Told.EVERY]
    else:
        ids = told_now = sorted(set(programme_ids) - pending)
    if ids:
        _raise(ids)
    if told is not None and told_now:
        # Registered in the innermost savepoint: if that is rolled back, so is the raise, and the hook goes.
        def mark() -> None:  # does nothing: that it is still waiting says the raise still stands
            pass

        connection.on_commit(mark)
        told.marks = {key: told.marks[key] for key in pending}
        told.marks.update(dict.fromkeys(told_now, mark))


def _raise(ids: list[int]) -> None:
    table = connection.ops.quote_name(FiguresVersion._meta.db_table)
    rows = ", ".join(["(%s, 1)"] * len(ids))
    # Sorted ids take the row locks in one order, so two writers touching the same programmes cannot deadlock.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (programme_id, version) VALUES {rows} "  # noqa: S608 (no user input)
            f"ON CONFLICT (programme_id) DO UPDATE SET version = {table}.version + 1",
            ids,
        )


def figures_version(programme: Programme) -> int:
    """The programme's current figures version (0 before anything was recorded). A write after this read, in
    the same transaction, raises the version again (a reader in that transaction must see the change)."""
    told = _told()
    told.marks.pop(programme.pk, None)
    told.marks.pop(_Told.EVERY, None)
    found = FiguresVersion.objects.filter(programme=programme).values_list("version", flat=True).first()
    return found or 0
