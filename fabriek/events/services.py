"""Writes of events and attendance: each one validated, atomic and in the audit log.

Datetimes are stored in UTC; the services refuse naive ones and convert aware ones to UTC first, so the
audit log compares like with like (a form gives Amsterdam time, the database gives UTC).
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Person
from fabriek.core.audit import diff, log_action, snapshot
from fabriek.core.deletion import DeletionPlan, deletion_apply, deletion_plan
from fabriek.core.models import AuditEntry
from fabriek.core.validation import ConstraintErrors, full_clean_per_field, save_per_field
from fabriek.events import registrations, selectors
from fabriek.events.models import Attendance, Event, EventSeries
from fabriek.partners.models import Partner
from fabriek.programmes.models import Location, Programme

EVENT_FIELDS = ("title", "kind", "starts_at", "ends_at", "location", "public", "capacity", "series")
EVENT_CONSTRAINT_ERRORS: ConstraintErrors = {
    "event_ends_after_start": ("ends_at", _("An event cannot end before it starts.")),
    "event_capacity_range": ("capacity", _("Give at least 1 seat, or leave it empty for no limit.")),
}
PERSON_CONSTRAINT_ERRORS: ConstraintErrors = {}
ATTENDANCE_CONSTRAINT_ERRORS: ConstraintErrors = {
    "attendance_unique_person": ("email", _("This person is already registered for this event.")),
}


def _event_snapshot(event: Event, partners: Iterable[Partner]) -> dict[str, Any]:
    """The event's fields for the audit log, times in UTC whatever zone the object holds them in."""
    values = snapshot(event, EVENT_FIELDS)
    values["series"] = event.series.title if event.series_id else None  # type: ignore[union-attr]
    for name in ("starts_at", "ends_at"):
        value = getattr(event, name)
        if isinstance(value, datetime) and timezone.is_aware(value):
            values[name] = value.astimezone(UTC).isoformat()
    return {**values, "partners": sorted(p.name for p in partners)}


def _check_programme_scope(
    *, programme: Programme, fields: dict[str, Any], errors: dict[str, list[ValidationError]]
) -> None:
    """Datetimes must be aware; the location and partners must be the programme's own."""
    for name in ("starts_at", "ends_at"):
        value = fields.get(name)
        if isinstance(value, datetime):
            if timezone.is_naive(value):
                errors.setdefault(name, []).append(ValidationError(_("Give the time with its time zone.")))
            else:
                fields[name] = value.astimezone(UTC)
    series = fields.get("series")
    if series is not None and series.programme_id != programme.pk:
        errors.setdefault("series", []).append(ValidationError(_("Choose one of this programme's series.")))
    location: Location | None = fields.get("location")
    if location is not None and location.programme_id != programme.pk:
        errors.setdefault("location", []).append(ValidationError(_("Choose one of this programme's locations.")))
    partner_ids = {p.pk for p in fields.get("partners") or ()}
    if partner_ids and Partner.objects.filter(pk__in=partner_ids, programmes=programme).count() != len(partner_ids):
        errors.setdefault("partners", []).append(ValidationError(_("Choose this programme's partners only.")))


@transaction.atomic
def event_create(
    *,
    actor: Any,
    programme: Programme,
    title: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    location: Location | None = None,
    partners: Iterable[Partner] = (),
    public: bool = False,
    capacity: int | None = None,
    series: EventSeries | None = None,
) -> Event:
    """Plan an event of the programme, optionally at one of its locations, with co-organising partners, a
    public page with registration (`public`), a number of seats (`capacity`, None: no limit) and as a
    session of a series."""
    partners = list(partners)
    fields: dict[str, Any] = {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": location,
        "partners": partners,
        "series": series,
    }
    errors: dict[str, list[ValidationError]] = {}
    _check_programme_scope(programme=programme, fields=fields, errors=errors)
    event = Event(
        programme=programme,
        title=title,
        kind=kind,
        starts_at=fields["starts_at"],
        ends_at=fields["ends_at"],
        location=location,
        public=public,
        capacity=capacity,
        series=series,
    )
    try:
        full_clean_per_field(event, EVENT_CONSTRAINT_ERRORS, exclude=set(errors))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    save_per_field(event, EVENT_CONSTRAINT_ERRORS)
    event.partners.set(partners)
    log_action(
        actor=actor,
        action="events.event.created",
        obj=event,
        changes={f: [None, v] for f, v in _event_snapshot(event, partners).items() if v not in ("", None, [], False)},
        programme_slug=programme.slug,
    )
    return event


@transaction.atomic
def event_update(*, actor: Any, programme: Programme, event: Event, **fields: Any) -> Event:
    """Change an event (its co-organising partners included, as `partners`); only the fields given change,
    and the audit entry lists them old -> new. A refused change leaves the event as it was."""
    unknown = set(fields) - set(EVENT_FIELDS) - {"partners"}
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if event.programme_id != programme.pk:
        raise ValueError("the event belongs to another programme")
    if "partners" in fields:
        fields["partners"] = list(fields["partners"])
    errors: dict[str, list[ValidationError]] = {}
    _check_programme_scope(programme=programme, fields=fields, errors=errors)
    old_partners = list(event.partners.all())
    before = _event_snapshot(event, old_partners)
    model_fields = {k: v for k, v in fields.items() if k != "partners"}
    original = {name: getattr(event, name) for name in model_fields}
    for name, value in model_fields.items():
        setattr(event, name, value)
    if "capacity" in model_fields and event.capacity is not None:
        # Seats already given stay given: the capacity cannot drop below them (cancel registrations first).
        taken = Attendance.objects.filter(event=event, seat__isnull=False).count()
        if event.capacity < taken:
            errors.setdefault("capacity", []).append(
                ValidationError(
                    _("%(taken)s seats are taken already; give at least that many, or cancel registrations first.")
                    % {"taken": taken}
                )
            )
    try:
        full_clean_per_field(event, EVENT_CONSTRAINT_ERRORS, exclude=set(errors))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        for name, value in original.items():
            setattr(event, name, value)
        raise ValidationError(errors)
    changes = diff(before, _event_snapshot(event, fields.get("partners", old_partners)))
    if changes:
        changed_fields = [f for f in changes if f != "partners"]
        if changed_fields:
            save_per_field(event, EVENT_CONSTRAINT_ERRORS, update_fields=changed_fields)
        if "partners" in changes:
            event.partners.set(fields["partners"])
        log_action(
            actor=actor, action="events.event.updated", obj=event, changes=changes, programme_slug=programme.slug
        )
        if "capacity" in changes:
            _renumber_seats(event)
            registrations.promote_after_capacity_change(actor=actor, event=event)
    return event


def _renumber_seats(event: Event) -> None:
    """After the capacity changed: seats above it move down into free ones (there are enough, the update
    checked), and without a capacity nobody needs a seat number."""
    seated = Attendance.objects.filter(event=event, seat__isnull=False)
    if event.capacity is None:
        seated.update(seat=None)
        return
    taken = set(seated.values_list("seat", flat=True))
    free = (n for n in range(1, event.capacity + 1) if n not in taken)
    for attendance in seated.filter(seat__gt=event.capacity).order_by("seat"):
        Attendance.objects.filter(pk=attendance.pk).update(seat=next(free))


@transaction.atomic
def attendance_add(
    *, actor: Any, programme: Programme, event: Event, name: str, email: str = "", checked_in: bool = False
) -> Attendance:
    """Register someone for an event, not yet checked in, or (`checked_in=True`) a walk-in at the door,
    registered and checked in in one step.

    A person already known to this programme by this e-mail address (ignoring case; see
    `selectors.person_known_to_programme`) is reused as is: their stored name stays, so one person counts
    once however they spell their name at the door. Anyone else, and anyone without an e-mail address, is
    recorded as a new person with the name and address given: a person known only to another programme is
    neither reused nor shown, whoever types their address.
    """
    if event.programme_id != programme.pk:
        raise ValueError("the event belongs to another programme")
    email = email.strip()
    person = selectors.person_known_to_programme(programme=programme, email=email)
    attendance = Attendance(event=event, person=person, checked_in=checked_in)
    if person is None:
        person = Person(name=name, email=email)
        errors: dict[str, list[ValidationError]] = {}
        for obj, constraint_errors, exclude in (
            (person, PERSON_CONSTRAINT_ERRORS, ()),
            (attendance, ATTENDANCE_CONSTRAINT_ERRORS, ("person",)),
        ):
            try:
                full_clean_per_field(obj, constraint_errors, exclude=exclude)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
        save_per_field(person, PERSON_CONSTRAINT_ERRORS)
        attendance.person = person
    else:
        full_clean_per_field(attendance, ATTENDANCE_CONSTRAINT_ERRORS)
    save_per_field(attendance, ATTENDANCE_CONSTRAINT_ERRORS)
    if event.capacity is not None and not checked_in:
        # Registered ahead by staff: a seat like anyone else, or the waiting list. A walk-in is there already.
        attendance.event = event
        if not registrations._take_seat(attendance):
            Attendance.objects.filter(pk=attendance.pk).update(status=Attendance.Status.WAITING)
            attendance.status = Attendance.Status.WAITING
    log_action(
        actor=actor,
        action="events.attendance.added",
        obj=attendance,
        changes={"person": [None, person.name], "checked_in": [None, checked_in]},
        programme_slug=programme.slug,
    )
    return attendance


@transaction.atomic
def attendance_check_in(
    *, actor: Any, programme: Programme, attendance: Attendance, checked_in: bool = True
) -> Attendance:
    """Mark an attendee as checked in (or undo it with `checked_in=False`). Setting the value it already has
    changes nothing and logs nothing, so a double click is harmless."""
    if attendance.event.programme_id != programme.pk:
        raise ValueError("the attendance belongs to another programme")
    if attendance.checked_in == checked_in:
        return attendance
    attendance.checked_in = checked_in
    if checked_in and attendance.status != Attendance.Status.CONFIRMED:
        # on the waiting list (or cancelled) but at the door after all: they are there, without a seat
        attendance.status, attendance.seat = Attendance.Status.CONFIRMED, None
    attendance.save(update_fields=["checked_in", "status", "seat"])
    log_action(
        actor=actor,
        action="events.attendance.checked_in" if checked_in else "events.attendance.check_in_undone",
        obj=attendance,
        changes={"checked_in": [not checked_in, checked_in]},
        programme_slug=programme.slug,
    )
    return attendance


def event_delete_plan(*, event: Event) -> DeletionPlan:
    """What deleting an event takes: its attendances (and its links to co-organising partners)."""
    return deletion_plan(event)


@transaction.atomic
def event_delete(*, actor: Any, programme: Programme, event: Event) -> AuditEntry:
    """Delete an event entered by mistake, with its attendances; the audit entry keeps them for an undo.
    The people stay: they may have attended other events or hold other roles."""
    if event.programme_id != programme.pk:
        raise ValueError("the event belongs to another programme")
    return deletion_apply(
        actor=actor, action="events.event.deleted", plan=event_delete_plan(event=event), programme_slug=programme.slug
    )


def attendance_delete_plan(*, attendance: Attendance) -> DeletionPlan:
    return deletion_plan(attendance)


@transaction.atomic
def attendance_delete(*, actor: Any, programme: Programme, attendance: Attendance) -> AuditEntry:
    """Delete a registration entered by mistake (the person stays); the audit entry keeps it for an undo."""
    if attendance.event.programme_id != programme.pk:
        raise ValueError("the attendance belongs to another programme")
    return deletion_apply(
        actor=actor,
        action="events.attendance.deleted",
        plan=attendance_delete_plan(attendance=attendance),
        programme_slug=programme.slug,
    )
