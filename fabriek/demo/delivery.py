"""The delivery part of the demo: the Starters Academy as a series (the seed's academy sessions, so completion
comes from their real check-ins), and upcoming public events with registrations, one of them full with a
waiting list.

Written once per programme (a programme that has a series keeps its events), deterministic, plain ORM; the
registrations are written directly (no mail goes out from the demo).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

from django.utils import timezone

from fabriek.companies.models import Person
from fabriek.events.models import Attendance, Event, EventSeries
from fabriek.programmes.models import Location, Programme

#: (days ahead, hour, kind, title, location name part, capacity, registered)
UPCOMING: tuple[tuple[int, int, str, str, str, int | None, int], ...] = (
    (4, 16, "network", "Ondernemerscafé Assen", "Assen", 40, 23),
    (11, 19, "masterclass", "Masterclass pitchen voor investeerders", "Emmen", 12, 15),
    (25, 9, "academy", "Starters Academy: je eerste jaarcijfers", "Hoogeveen", 25, 8),
    (32, 15, "workshop", "Workshop subsidies voor starters", "", None, 5),
)
FIRST = ("Anouk", "Bas", "Chantal", "Daan", "Eline", "Freek", "Gerda", "Hidde", "Ilse", "Jeroen", "Kim", "Lars")
LAST = ("de Boer", "Hoekstra", "Kuipers", "Veenstra", "Wierenga", "Zijlstra")


def load_delivery(programme: Programme, created: Counter[str]) -> None:
    if EventSeries.objects.filter(programme=programme).exists():
        return
    academy = EventSeries.objects.create(programme=programme, title="Starters Academy", required_sessions=2)
    created[EventSeries._meta.label] += 1
    Event.objects.filter(programme=programme, kind=Event.Kind.ACADEMY).update(series=academy)

    today = timezone.localdate()
    locations = list(Location.objects.filter(programme=programme))
    names = [f"{first} {last}" for last in LAST for first in FIRST]
    n = 0
    for days, hour, kind, title, place, capacity, registered in UPCOMING:
        start = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(hour)))
        location = next((loc for loc in locations if place and place in loc.name), None)
        event = Event.objects.create(
            programme=programme,
            title=title,
            kind=kind,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            location=location,
            public=True,
            capacity=capacity,
            series=academy if kind == Event.Kind.ACADEMY else None,
        )
        created[Event._meta.label] += 1
        for seat in range(1, registered + 1):
            name = names[n % len(names)]
            n += 1
            person = Person.objects.create(name=name, email=f"demo.{n}@voorbeeld.nl")
            confirmed = capacity is None or seat <= capacity
            Attendance.objects.create(
                event=event,
                person=person,
                status=Attendance.Status.CONFIRMED if confirmed else Attendance.Status.WAITING,
                seat=seat if confirmed and capacity is not None else None,
                registered_at=timezone.now() - timedelta(days=20 - seat % 20),
                photo_consent=seat % 3 != 0,
                mail_consent=seat % 2 == 0,
                language="nl",
            )
            created[Attendance._meta.label] += 1
