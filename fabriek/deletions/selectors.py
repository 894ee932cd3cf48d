"""Reads of the programme's deletions: audit entries that keep a snapshot of what they deleted."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from fabriek.core.deletion import count_names, undo_days
from fabriek.core.models import AuditEntry
from fabriek.programmes.models import Programme


def deletion_list(*, programme: Programme) -> QuerySet[AuditEntry]:
    """The programme's deletions, newest first, with who deleted and (if undone) who undid them."""
    return (
        AuditEntry.objects.filter(programme_slug=programme.slug, snapshot__isnull=False, action__endswith=".deleted")
        .select_related("actor", "undone_by", "undone_by__actor")
        .order_by("-created_at", "-id")
    )


def deletion_get(*, programme: Programme, pk: int) -> AuditEntry:
    """One deletion of this programme, or 404."""
    entry = deletion_list(programme=programme).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


@dataclass(frozen=True)
class DeletionRow:
    entry: AuditEntry
    kind: str
    counts: list[tuple[str, int]]
    undo_until: datetime
    can_undo: bool


def deletion_rows(entries: list[AuditEntry], *, now: datetime | None = None) -> list[DeletionRow]:
    """Entries as rows for the page: what kind of record, what went with it, until when it can be undone."""
    now = now or timezone.now()
    rows = []
    for entry in entries:
        try:
            kind = str(apps.get_model(entry.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            kind = entry.object_type
        until = entry.created_at + timedelta(days=undo_days())
        undone = getattr(entry, "undone_by", None) is not None
        rows.append(
            DeletionRow(
                entry=entry,
                kind=kind,
                counts=count_names((entry.snapshot or {}).get("counts", [])),
                undo_until=until,
                can_undo=not undone and now < until,
            )
        )
    return rows
