"""Event series (the Starters Academy): reads and writes.

Completion, the one definition: a person completes a series when they were checked in at at least
`required_sessions` of its events (registering is not attending; a session counts once however often the
person registered for it). Pages that show completion (the series' pages, a person's page, a company's
page) all read `progress`.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404

from fabriek.core.audit import diff, log_action, snapshot
from fabriek.core.validation import full_clean_per_field, save_per_field
from fabriek.events.models import Attendance, EventSeries
from fabriek.programmes.models import Programme

SERIES_FIELDS = ("title", "required_sessions")


@dataclass(frozen=True)
class Progress:
    series: EventSeries
    person_id: int
    name: str
    attended: int

    @property
    def completed(self) -> bool:
        return self.attended >= self.series.required_sessions


def series_list(*, programme: Programme) -> QuerySet[EventSeries]:
    """The programme's series with the number of sessions (events) in each."""
    return EventSeries.objects.filter(programme=programme).annotate(sessions=Count("events")).order_by("title", "pk")


def series_get(*, programme: Programme, pk: int) -> EventSeries:
    series = series_list(programme=programme).filter(pk=pk).first()
    if series is None:
        raise Http404
    return series


def progress(*, series: list[EventSeries], person_ids: list[int] | None = None) -> list[Progress]:
    """Per series and person who attended any of its sessions: how many they attended (checked in), in one
    query. `person_ids` narrows it to those people. Completers first, then by name."""
    by_pk = {s.pk: s for s in series}
    rows = Attendance.objects.filter(event__series__in=list(by_pk), checked_in=True)
    if person_ids is not None:
        rows = rows.filter(person__in=person_ids)
    counted = rows.values("event__series", "person", "person__name").annotate(attended=Count("event", distinct=True))
    result = [
        Progress(by_pk[row["event__series"]], row["person"], row["person__name"], row["attended"]) for row in counted
    ]
    return sorted(result, key=lambda p: (p.series.title, not p.completed, p.name.lower(), p.person_id))


def completed_counts(*, series: list[EventSeries]) -> dict[int, int]:
    """Per series id: how many people completed it."""
    counts = dict.fromkeys((s.pk for s in series), 0)
    for item in progress(series=series):
        if item.completed:
            counts[item.series.pk] += 1
    return counts


def programme_series_progress(*, programme: Programme, person_ids: list[int]) -> list[Progress]:
    """The progress of these people in every series of the programme they attended a session of."""
    return progress(series=list(EventSeries.objects.filter(programme=programme)), person_ids=person_ids)


@transaction.atomic
def series_create(*, actor: Any, programme: Programme, title: str, required_sessions: int) -> EventSeries:
    series = EventSeries(programme=programme, title=title, required_sessions=required_sessions)
    full_clean_per_field(series, {}, exclude=("programme",))
    save_per_field(series, {})
    log_action(
        actor=actor,
        action="events.series.created",
        obj=series,
        changes={f: [None, v] for f, v in snapshot(series, SERIES_FIELDS).items()},
        programme_slug=programme.slug,
    )
    return series


@transaction.atomic
def series_update(*, actor: Any, programme: Programme, series: EventSeries, **fields: Any) -> EventSeries:
    if series.programme_id != programme.pk:
        raise ValueError("the series belongs to another programme")
    unknown = set(fields) - set(SERIES_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(series, SERIES_FIELDS)
    for name, value in fields.items():
        setattr(series, name, value)
    full_clean_per_field(series, {}, exclude=("programme",))
    changes = diff(before, snapshot(series, SERIES_FIELDS))
    if changes:
        save_per_field(series, {}, update_fields=list(changes))
        log_action(
            actor=actor, action="events.series.updated", obj=series, changes=changes, programme_slug=programme.slug
        )
    return series
