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

from collections.abc import Iterable

from django.db import connection

from fabriek.programmes.models import FiguresVersion, Programme


def figures_changed(*, programme_ids: Iterable[int] | None = None) -> None:
    """Raise the figures version of these programmes (all programmes when None) in the current transaction.
    A programme without a version row gets one; one statement on SQLite and on PostgreSQL alike."""
    ids = sorted(set(programme_ids)) if programme_ids is not None else None
    if ids is None:
        ids = list(Programme.objects.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return
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
    """The programme's current figures version (0 before anything was recorded)."""
    found = FiguresVersion.objects.filter(programme=programme).values_list("version", flat=True).first()
    return found or 0
