"""The spaces part of the demo: desks and rooms at Assen, Emmen and Hoogeveen, fixed desks for the current
full-time stays, a flexible desk-day a week for the part-time stays over the past three months and the
coming week, and a few room bookings. Hoogeveen keeps its four desks for more stays than fit: the capacity
warning the issue asks for.

Bookings go through `spaces.services.booking_create` (the same rules as the pages), made "on" their own day
(`today=day`), so the history obeys the weekly allowance and never doubles. Written once per programme.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from fabriek.participation.models import Participation
from fabriek.programmes.models import BudgetLine, Location, PlanPeriod, Programme, ServicePackage
from fabriek.spaces import services
from fabriek.spaces.models import Desk, DeskAssignment, DeskBooking, Room, RoomBooking

#: location -> (fixed desks, flexible desks, rooms as (name, seats))
LAYOUT: dict[str, tuple[int, int, tuple[tuple[str, int], ...]]] = {
    "Assen": (14, 8, (("De Silo", 8), ("Havenkamer", 4))),
    "Emmen": (8, 6, (("Kennispoort", 10),)),
    # the ondernemershotel's four flex desks (seed: desk capacity 4)
    "Hoogeveen": (0, 4, (("Compaenenzaal", 6),)),
}
#: how far back the booking history goes
HISTORY_DAYS = 91
#: share of past desk-days that were used (checked in), in tenths: deterministic, not random
CHECKED_IN_EXCEPT_EVERY = 7


#: The budget's participants' contributions line (issue 11: EUR 50,000 a year), for the later plan periods.
CONTRIBUTIONS_LINE = "Bijdragen deelnemers"
CONTRIBUTIONS_EUROS = 50_000


def load_spaces(programme: Programme, created: Counter[str], *, today: date | None = None) -> None:
    for plan in PlanPeriod.objects.filter(programme=programme, starts_on__year__gte=2020):
        for year in range(plan.starts_on.year, plan.ends_on.year + 1):
            _line, made = BudgetLine.objects.get_or_create(
                plan_period=plan,
                year=year,
                name=CONTRIBUTIONS_LINE,
                defaults={"amount_cents": CONTRIBUTIONS_EUROS * 100, "kind": BudgetLine.Kind.CONTRIBUTIONS},
            )
            created[BudgetLine._meta.label] += made
    if Desk.objects.filter(location__programme=programme).exists():
        return
    today = today or timezone.localdate()
    ServicePackage.objects.filter(
        programme=programme, kind=ServicePackage.Kind.PARTTIME, flexible_desk_days_per_week=0
    ).update(flexible_desk_days_per_week=1)
    for location in Location.objects.filter(programme=programme, name__in=LAYOUT).order_by("name"):
        _location(programme, location, today, created)


def _location(programme: Programme, location: Location, today: date, created: Counter[str]) -> None:
    fixed, flexible, rooms = LAYOUT[location.name]
    desks = [Desk(location=location, label=f"V{n:02d}", kind=Desk.Kind.FIXED) for n in range(1, fixed + 1)]
    desks += [Desk(location=location, label=f"F{n:02d}", kind=Desk.Kind.FLEXIBLE) for n in range(1, flexible + 1)]
    for desk in desks:
        desk.full_clean()
    Desk.objects.bulk_create(desks)
    created[Desk._meta.label] += len(desks)
    room_objects = [Room(location=location, name=name, capacity=seats) for name, seats in rooms]
    Room.objects.bulk_create(room_objects)
    created[Room._meta.label] += len(room_objects)

    current = Participation.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today), location=location, started_on__lte=today
    ).select_related("package", "company")
    full_time = [p for p in current.order_by("started_on", "pk") if p.package.kind == ServicePackage.Kind.FULLTIME]
    fixed_desks = [d for d in desks if d.kind == Desk.Kind.FIXED]
    for desk, stay in zip(fixed_desks, full_time, strict=False):
        DeskAssignment.objects.create(desk=desk, participation=stay, assigned_on=max(stay.started_on, date(2015, 2, 1)))
        created[DeskAssignment._meta.label] += 1

    # one flexible desk-day a week for each part-time stay, on a weekday of its own
    part_time = list(
        Participation.objects.filter(location=location, package__kind=ServicePackage.Kind.PARTTIME)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today - timedelta(days=HISTORY_DAYS)))
        .select_related("package", "company")
        .order_by("pk")
    )
    flex_desks = [d for d in desks if d.kind == Desk.Kind.FLEXIBLE]
    first_monday = today - timedelta(days=today.weekday() + 7 * (HISTORY_DAYS // 7))
    last = today + timedelta(days=7)
    count = 0
    for week in range((last - first_monday).days // 7 + 1):
        monday = first_monday + timedelta(days=7 * week)
        for stay in part_time:
            day = monday + timedelta(days=(stay.pk + week) % 5)
            if not (stay.started_on <= day <= (stay.ended_on or day)) or day > last:
                continue
            for desk in flex_desks:
                try:
                    booking = services.booking_create(
                        actor=None,
                        programme=programme,
                        desk=desk,
                        day=day,
                        company=stay.company,
                        today=min(day, today),
                        notify=False,
                    )
                except services.Taken:
                    continue
                except services.NotEntitled:
                    break
                count += 1
                if day < today and (count % CHECKED_IN_EXCEPT_EVERY):
                    morning = datetime.combine(day, time(9, 15), tzinfo=timezone.get_current_timezone())
                    DeskBooking.objects.filter(pk=booking.pk).update(checked_in_at=morning)
                break
    created[DeskBooking._meta.label] += count

    # a few meetings in the coming week
    users = list(current.order_by("pk"))[:3]
    for n, stay in enumerate(users):
        day = today + timedelta(days=1 + n)
        services.room_booking_create(
            actor=None,
            programme=programme,
            room=room_objects[0],
            day=day,
            start_hour=10 + n,
            end_hour=12 + n,
            company=stay.company,
            today=today,
            notify=False,
        )
        created[RoomBooking._meta.label] += 1
