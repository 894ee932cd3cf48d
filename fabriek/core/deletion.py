"""Deleting with a snapshot, and undoing it: the engine behind every `<entity>_delete` service.

A deletion is planned first (`deletion_plan`): the objects to delete and everything that goes with them
(rows that cascade, links in many-to-many tables), found by following the models' relations the way the
database would. The plan says what goes in counts (the confirm page shows them), and `deletion_apply`
deletes it and returns a snapshot: every row's columns, in an order in which they can be inserted again.
The owning app's service stores that snapshot in its audit entry (`log_action(snapshot=...)`).

`deletion_undo` inserts the rows again, with their old ids where those are free, after checking that
nothing entered meanwhile conflicts (a unique value taken, a row it belonged to gone, a rule an app
registered with `register_restore_check`, e.g. an overlapping stay). It refuses the whole undo with a
message that says what conflicts, or restores all of it: one transaction.
"""

import base64
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.core.audit import log_action
from fabriek.core.models import AuditEntry

Key = tuple[str, Any]
#: label -> check(instance) returning a message when restoring the instance would break a rule.
_RESTORE_CHECKS: dict[str, list[Callable[[models.Model], str | None]]] = {}


def register_restore_check(label: str, check: Callable[[models.Model], str | None]) -> None:
    """Let the app that owns a model refuse an undo that would break one of its rules (called in ready())."""
    _RESTORE_CHECKS.setdefault(label, []).append(check)


def undo_days() -> int:
    """How long a deletion can be undone (setting FABRIEK_UNDO_DAYS, default 30)."""
    return int(getattr(settings, "FABRIEK_UNDO_DAYS", 30))


def _key(obj: models.Model) -> Key:
    return (obj._meta.label_lower, obj.pk)


@dataclass
class DeletionPlan:
    """What a deletion takes, in the order rows can be inserted again (parents before children)."""

    root: models.Model
    rows: list[models.Model] = field(default_factory=list)
    #: (model, field name, pk, old value) for SET_NULL relations the database will clear
    cleared: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def count_labels(self) -> list[tuple[str, int]]:
        """What else goes, as (model label, count): links between tables are not counted."""
        tally: dict[str, int] = {}
        for row in self.rows:
            if row is self.root or row._meta.auto_created:
                continue
            tally[row._meta.label_lower] = tally.get(row._meta.label_lower, 0) + 1
        return list(tally.items())

    def counts(self) -> list[tuple[str, int]]:
        """What else goes, as (name, count), for the confirm page."""
        return count_names(self.count_labels())


def _collect(roots: Sequence[models.Model], seen: set[Key], plan: DeletionPlan) -> None:
    """Add `roots` and everything that cascades from them to the plan, batch by batch (one query per
    relation and model, not per object)."""
    queue: list[list[models.Model]] = [list(roots)]
    while queue:
        batch = [obj for obj in queue.pop(0) if _key(obj) not in seen]
        if not batch:
            continue
        seen.update(_key(obj) for obj in batch)
        plan.rows.extend(batch)
        model = type(batch[0])
        pks = [obj.pk for obj in batch]
        # every relation pointing here, also hidden ones (related_name "+") and the rows of many-to-many
        # tables, which point here through a hidden foreign key of their own
        for rel in _reverse_relations(model):
            related: type[models.Model] = rel.related_model  # type: ignore[assignment]
            name, attname = rel.field.name, rel.field.attname
            sub = list(related._base_manager.filter(**{f"{name}__in": pks}))
            if not sub:
                continue
            if rel.on_delete is models.CASCADE:
                queue.append(sub)
            elif rel.on_delete is models.SET_NULL:
                plan.cleared += [(related._meta.label_lower, attname, o.pk, getattr(o, attname)) for o in sub]
            elif rel.on_delete is not models.DO_NOTHING:
                blocking = [o for o in sub if _key(o) not in seen]
                if blocking:
                    raise ProtectedError(f"{model.__name__} is referenced by {related.__name__}", set(blocking))


def _reverse_relations(model: type[models.Model]) -> list[ForeignObjectRel]:
    """Every foreign key pointing at `model`, also hidden ones (related_name "+") and those of the tables
    behind many-to-many fields, whose rows point here through a hidden foreign key of their own."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if isinstance(f, ForeignObjectRel) and (f.one_to_many or f.one_to_one)
    ]


def deletion_plan(root: models.Model, *groups: Iterable[models.Model]) -> DeletionPlan:
    """Plan deleting `groups` (default: just `root`), each group after the previous one.

    A later group may hold objects that earlier groups' rows protect (a company after its stays): those
    rows are in the plan already, so they do not block it."""
    plan = DeletionPlan(root=root)
    seen: set[Key] = set()
    parts: list[list[models.Model]] = []
    for group in groups or ([root],):
        part = DeletionPlan(root=root)
        _collect(list(group), seen, part)
        parts.append(part.rows)
        plan.cleared += part.cleared
    # restore order: the last group first (its rows are the parents of the earlier groups' rows)
    for rows in reversed(parts):
        plan.rows.extend(rows)
    return plan


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime) and timezone.is_aware(value):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | timedelta):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode()}
    return value


def row_snapshot(obj: models.Model) -> dict[str, Any]:
    """A row's columns as JSON-safe values."""
    return {
        "model": obj._meta.label_lower,
        "pk": _plain(obj.pk),
        "fields": {
            f.attname: _plain(f.value_from_object(obj)) if not f.is_relation else getattr(obj, f.attname)
            for f in obj._meta.concrete_fields
            if not f.primary_key
        },
    }


@transaction.atomic
def deletion_apply(*, actor: Any, action: str, plan: DeletionPlan, programme_slug: str) -> AuditEntry:
    """Delete everything in the plan; the audit entry (`action`, about the plan's root) keeps the snapshot:
    every row's columns (JSON-safe) and what the confirm page said goes with it."""
    snapshot = {
        "rows": [row_snapshot(row) for row in plan.rows],
        "cleared": [list(item) for item in plan.cleared],
        "counts": [[label, n] for label, n in plan.count_labels()],
    }
    entry = log_action(actor=actor, action=action, obj=plan.root, programme_slug=programme_slug, snapshot=snapshot)
    # children first: the reverse of the restore order
    for row in reversed(plan.rows):
        deleted, _counts = type(row)._base_manager.filter(pk=row.pk).delete()
        if row is plan.root and not deleted:
            # someone deleted it meanwhile: their entry holds it; a second snapshot would restore it twice
            raise ObjectDoesNotExist(f"{row._meta.label} {row.pk} was deleted meanwhile")
    return entry


def count_names(counts: Iterable[Sequence[Any]]) -> list[tuple[str, int]]:
    """Stored (model label, count) pairs as (name in the reader's language, count)."""
    named = []
    for label, n in counts:
        try:
            meta = apps.get_model(label)._meta
        except LookupError:
            continue
        named.append((str(meta.verbose_name if n == 1 else meta.verbose_name_plural), n))
    return named


class RestoreConflict(Exception):
    """An undo that cannot be done; the message says why in words a person can act on."""


def _value(field: models.Field, raw: Any) -> Any:  # type: ignore[type-arg]
    if raw is None:
        return None
    if isinstance(raw, dict) and set(raw) == {"base64"}:
        return base64.b64decode(raw["base64"])
    if field.is_relation:
        return raw
    return field.to_python(raw)


def _restore_row(item: dict[str, Any], new_pks: dict[Key, Any]) -> models.Model:
    model = apps.get_model(item["model"])
    values: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        raw = item["fields"].get(f.attname)
        if f.is_relation and raw is not None:
            target = f.related_model
            raw = new_pks.get((target._meta.label_lower, raw), raw)  # type: ignore[union-attr]
            if not target._base_manager.filter(pk=raw).exists():  # type: ignore[union-attr]
                raise RestoreConflict(
                    _("What it belonged to (%(model)s) has been deleted since.") % {"model": target._meta.verbose_name}  # type: ignore[union-attr]
                )
        values[f.attname] = _value(f, raw)
    obj = model(**values)
    old_pk = model._meta.pk.to_python(item["pk"])  # type: ignore[union-attr]
    if model._meta.auto_created and model._base_manager.filter(**values).exists():
        # a link between two rows that was made again meanwhile: there is nothing to restore
        new_pks[(item["model"], old_pk)] = None
        return obj
    if not model._base_manager.filter(pk=old_pk).exists():
        obj.pk = old_pk  # the same id where it is free (it always is unless the id was given out again)
    try:
        obj.validate_unique()
        obj.validate_constraints()
    except ValidationError as error:
        raise RestoreConflict(" ".join(error.messages)) from error
    for check in _RESTORE_CHECKS.get(item["model"], []):
        message = check(obj)
        if message:
            raise RestoreConflict(message)
    try:
        with transaction.atomic():
            obj.save(force_insert=True)
    except IntegrityError as error:
        raise RestoreConflict(
            _("Something entered since the deletion conflicts with %(object)s.") % {"object": obj}
        ) from error
    new_pks[(item["model"], old_pk)] = obj.pk
    return obj


def deletion_undoable(entry: AuditEntry, *, now: datetime | None = None) -> bool:
    """Whether `entry` is a deletion that can still be undone (within the undo period, not undone yet)."""
    now = now or timezone.now()
    return (
        entry.snapshot is not None
        and entry.created_at >= now - timedelta(days=undo_days())
        and not AuditEntry.objects.filter(undoes=entry).exists()
    )


@transaction.atomic
def deletion_undo(*, actor: Any, entry: AuditEntry) -> models.Model | None:
    """Restore what the deletion `entry` deleted; raise RestoreConflict (nothing restored) when it cannot.

    Logs `<action without .deleted>.restored` pointing at the deletion; a second undo of the same deletion is
    refused (also by the database, if two arrive at once)."""
    if entry.snapshot is None or not entry.action.endswith(".deleted"):
        raise RestoreConflict(_("This entry is not a deletion."))
    if entry.created_at < timezone.now() - timedelta(days=undo_days()):
        raise RestoreConflict(
            _("Deletions can be undone for %(days)s days; this one is older.") % {"days": undo_days()}
        )
    if AuditEntry.objects.filter(undoes=entry).exists():
        raise RestoreConflict(_("This deletion has already been undone."))
    new_pks: dict[Key, Any] = {}
    root = None
    for item in entry.snapshot["rows"]:
        obj = _restore_row(item, new_pks)
        if item["model"] == entry.object_type and str(item["pk"]) == entry.object_id:
            root = obj
    for label, attname, pk, value in entry.snapshot.get("cleared", []):
        model = apps.get_model(label)
        field = model._meta.get_field(attname.removesuffix("_id"))
        target = new_pks.get((field.related_model._meta.label_lower, value), value)  # type: ignore[union-attr]
        model._base_manager.filter(pk=pk, **{f"{attname}__isnull": True}).update(**{attname: target})
    restored = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=entry.action.removesuffix(".deleted") + ".restored",
        object_type=entry.object_type,
        object_id=str(root.pk) if root is not None else entry.object_id,
        object_repr=entry.object_repr,
        programme_slug=entry.programme_slug,
        undoes=entry,
    )
    try:
        with transaction.atomic():
            restored.save()
    except IntegrityError as error:  # a concurrent undo of the same deletion won the race
        raise RestoreConflict(_("This deletion has already been undone.")) from error
    return root
