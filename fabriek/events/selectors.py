"""Reads of events and their attendance.

Every member of the programme may read its events and their numbers (registered, checked in); the names
and e-mail addresses of attendees are personal data, for staff and location managers only.

A location manager sees and registers the attendees of every event of the programme, not only of the events
at their own location: events are programme-wide (a location manager runs events that anyone in the programme
may attend, and registers and checks in whoever comes to the door), so the attendance of an event is not
split by location the way companies and participations are.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Person
from fabriek.events.models import Attendance, Event
from fabriek.programmes.models import Programme

#: Roles that see who attends an event.
ATTENDEE_READERS = frozenset({Role.STAFF, Role.LOCATION_MANAGER})


def _start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in the current time zone (Europe/Amsterdam), as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


def event_with_counts(*, programme: Programme) -> QuerySet[Event]:
    """The programme's events, each with `registered` and `checked_in` counts."""
    return (
        Event.objects.filter(programme=programme)
        .select_related("location")
        .annotate(
            registered=Count("attendances"),
            checked_in=Count("attendances", filter=Q(attendances__checked_in=True)),
        )
    )


def event_list(
    *,
    programme: Programme,
    search: str = "",
    kind: str = "",
    location_id: int | None = None,
    starts_from: date | None = None,
    starts_until: date | None = None,
) -> QuerySet[Event]:
    """Events by title, kind and location, starting on or after `starts_from` and on or before
    `starts_until` (whole days in Amsterdam time), newest first."""
    qs = event_with_counts(programme=programme)
    if search:
        qs = qs.filter(title__icontains=search)
    if kind:
        qs = qs.filter(kind=kind)
    if location_id:
        qs = qs.filter(location_id=location_id)
    if starts_from:
        qs = qs.filter(starts_at__gte=_start_of_day(starts_from))
    if starts_until:
        qs = qs.filter(starts_at__lt=_start_of_day(starts_until + timedelta(days=1)))
    return qs.order_by("-starts_at", "pk")


def event_get(*, programme: Programme, pk: int) -> Event:
    """One event of the programme with its counts and co-organising partners, or 404."""
    event = event_with_counts(programme=programme).prefetch_related("partners").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def attendance_list(*, membership: Membership, event: Event) -> QuerySet[Attendance]:
    """Who registered for the event, by name: only for staff and location managers, empty for the others.

    A location manager sees the attendees of every event of the programme, wherever it is held: events are
    programme-wide and location managers run them for the whole programme (see the module docstring)."""
    if membership.role not in ATTENDEE_READERS or event.programme_id != membership.programme_id:
        return Attendance.objects.none()
    return Attendance.objects.filter(event=event).select_related("person").order_by("person__name", "pk")


def attendance_get(*, membership: Membership, event: Event, pk: int) -> Attendance:
    attendance = attendance_list(membership=membership, event=event).filter(pk=pk).first()
    if attendance is None:
        raise Http404
    return attendance


def person_known_to_programme(*, programme: Programme, email: str) -> Person | None:
    """The person this programme already knows by this e-mail address (ignoring case), or None.

    Known to the programme means: registered for one of its events, one of its mentors, or in a role at one
    of its companies. A person has no programme of their own and people are shared between programmes, so a
    match on the e-mail address alone would hand another programme's person (and their stored name) to
    whoever types that address. If several match, the oldest record. An empty address matches nobody.
    """
    email = email.strip()
    if not email:
        return None
    return (
        Person.objects.filter(email__iexact=email)
        .filter(
            Q(attendances__event__programme=programme)
            | Q(mentorships__programme=programme)
            | Q(company_roles__company__programmes=programme)
        )
        .distinct()
        .order_by("pk")
        .first()
    )
