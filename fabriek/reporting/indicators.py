"""The eight indicators the funder steers on, for any period [start, end].

Each indicator is one function; its docstring is the definition shown to users beside the figure (and in
every export), so it is written for a provincial official, not for developers: developer notes go in
comments. `indicators()` computes all eight with their targets in a fixed number of queries.

Targets come from the programme's plan period that covers the whole period (the shortest one if several
do). Counts that pile up over time (events, people reached, participants, jobs) get the plan target
pro-rated to the period's length; counts of a state (partners, locations, mentors) get the full target.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from fabriek.events.models import Attendance, Event
from fabriek.mentoring.models import Mentor
from fabriek.participation.models import Participation
from fabriek.partners.models import Agreement
from fabriek.programmes.models import Indicator, Location, PlanPeriod, Programme, Target
from fabriek.reporting import rules


class Measurement(NamedTuple):
    """What an indicator function returns: its value and, for jobs created, the net figure beside it."""

    value: int
    net: int | None = None


# -- the indicators ----------------------------------------------------------------------------------------


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The first moment of `start` and the first moment after `end`, in the programme's time zone."""
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _held_events(programme: Programme, start: date, end: date) -> Q:
    # "Held": its starting day lies in the period (Dutch time) and it has begun by now, so an event
    # planned for next month does not count yet in a period that runs until the end of the year.
    first, after = _day_bounds(start, end)
    return Q(programme=programme, starts_at__gte=first, starts_at__lt=after, starts_at__lte=timezone.now())


def events(*, programme: Programme, start: date, end: date) -> Measurement:
    """Entrepreneur events: the number of events the programme held in the period, counted on the day they
    started. Events planned for a later date are not counted until they have started.
    Target: the plan target, pro-rated to the length of the period."""
    return Measurement(Event.objects.filter(_held_events(programme, start, end)).count())


def people_reached(*, programme: Programme, start: date, end: date) -> Measurement:
    """Entrepreneurs reached through events: the number of different people who were checked in at least once
    at an event the programme held in the period. Someone who came to five events counts once; people who
    registered but were not checked in do not count.
    Target: the plan target, pro-rated to the length of the period."""
    held = Event.objects.filter(_held_events(programme, start, end))
    reached = Attendance.objects.filter(event__in=held, checked_in=True).values("person").distinct()
    return Measurement(reached.count())


def participants(*, programme: Programme, start: date, end: date) -> Measurement:
    """Participating entrepreneurs: the number of different companies with a stay in the programme (housed
    or in a programme) on at least one day of the period. A company that left and came back counts once.
    Target: the plan target, pro-rated to the length of the period."""
    stays = Participation.objects.filter(programme=programme, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    )
    return Measurement(stays.values("company").distinct().count())


def partners(*, programme: Programme, start: date, end: date) -> Measurement:
    """Cooperation partners: the number of different partners with a cooperation agreement with the programme
    that ran on at least one day of the period.
    Target: the full plan target, as it is a number to have, not to add up."""
    agreements = Agreement.objects.filter(programme=programme, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    )
    return Measurement(agreements.values("partner").distinct().count())


def _active_locations(programme: Programme, end: date) -> dict[str, int]:
    # Active at the end of the period: opened on or before it, not closed on or before it, and past the
    # exploring stage. A location without an opening date is not counted: nothing shows it was open.
    active = (
        Location.objects.filter(programme=programme, opened_on__lte=end)
        .exclude(status=Location.Status.EXPLORING)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    )
    counts = active.aggregate(
        physical=Count("pk", filter=Q(kind=Location.Kind.PHYSICAL)),
        representation=Count("pk", filter=Q(kind=Location.Kind.REPRESENTATION)),
    )
    return {key: value or 0 for key, value in counts.items()}


def physical_locations(*, programme: Programme, start: date, end: date) -> Measurement:
    """Physical locations: the number of the programme's own locations (places to work and meet) that were
    open on the last day of the period. A location counts from its opening date; it no longer counts on
    the day it closes; locations still being explored, or without an opening date, do not count.
    Target: the full plan target, as it is a number to have, not to add up."""
    return Measurement(_active_locations(programme, end)["physical"])


def other_locations(*, programme: Programme, start: date, end: date) -> Measurement:
    """Other locations where the programme is represented: the number of representation points (places where
    the programme is present without being its own location) that were open on the last day of the
    period, counted like physical locations: from the opening date, not from the closing date, and not while
    still being explored.
    Target: the full plan target, as it is a number to have, not to add up."""
    return Measurement(_active_locations(programme, end)["representation"])


def mentors(*, programme: Programme, start: date, end: date) -> Measurement:
    """Entrepreneur-mentors: the number of different people who were a mentor of the programme on at least one
    day of the period.
    Target: the full plan target, as it is a number to have, not to add up."""
    spans = Mentor.objects.filter(programme=programme, active_from__lte=end).filter(
        Q(active_until__isnull=True) | Q(active_until__gte=start)
    )
    return Measurement(spans.values("person").distinct().count())


def jobs_created(*, programme: Programme, start: date, end: date) -> Measurement:
    """New jobs during participation or up to two years after it (gross, with net beside it), as known at the
    end of the period: figures dated later are not used. For every company with a stay in the period, the
    change in employees from its first start (or its first figure within 90 days after it) to the end of the
    period, or to two years after leaving if that comes first. Gross adds up the growth of the companies that
    grew; net also subtracts the losses. Alumni who are no longer entrepreneurs count 0 after leaving.
    Companies without a starting figure are not counted and are listed as missing a baseline. Alumni who left
    before the period count in the periods of their stay, so yearly figures do not add up to the figure of
    the whole plan period.
    Target: the plan target, pro-rated to the length of the period."""
    result = rules.jobs_created(programme=programme, start=start, end=end)
    return Measurement(result.gross, net=result.net)


IndicatorFunction = Callable[..., Measurement]

#: The eight indicators in the order the funder's table lists them.
INDICATORS: dict[str, IndicatorFunction] = {
    Indicator.EVENTS.value: events,
    Indicator.PEOPLE_REACHED.value: people_reached,
    Indicator.PARTICIPANTS.value: participants,
    Indicator.PARTNERS.value: partners,
    Indicator.PHYSICAL_LOCATIONS.value: physical_locations,
    Indicator.OTHER_LOCATIONS.value: other_locations,
    Indicator.MENTORS.value: mentors,
    Indicator.JOBS_CREATED.value: jobs_created,
}

#: Counts that pile up over time: their target is pro-rated to the period's length. The others are states.
PRO_RATED: frozenset[str] = frozenset(
    {
        Indicator.EVENTS.value,
        Indicator.PEOPLE_REACHED.value,
        Indicator.PARTICIPANTS.value,
        Indicator.JOBS_CREATED.value,
    }
)


def definition_source(key: str) -> str:
    """An indicator function's docstring as one line of text: the msgid of its translation."""
    return " ".join(inspect.cleandoc(INDICATORS[key].__doc__ or "").split())


def definition(key: str) -> str:
    """The user-facing definition of an indicator: its function's docstring, in the user's language.

    makemessages cannot extract docstrings, so their Dutch lives in this app's own catalogue,
    fabriek/definitions_locale/nl/LC_MESSAGES/django.po; a test fails when a docstring has no translation there."""
    return gettext(definition_source(key))


# -- targets -----------------------------------------------------------------------------------------------


def covering_plan_period(*, programme: Programme, start: date, end: date) -> PlanPeriod | None:
    """The plan period of `programme` that covers all of [start, end]; the shortest one if several do."""
    covering = PlanPeriod.objects.filter(programme=programme, starts_on__lte=start, ends_on__gte=end)
    # a programme has a handful of plan periods: pick the shortest in Python (ties: the later start)
    return min(covering, key=lambda p: (p.ends_on - p.starts_on, -p.starts_on.toordinal(), p.pk), default=None)


def pro_rated(target: int, *, start: date, end: date, plan: PlanPeriod) -> int:
    """target x days in [start, end] / days in the plan period, rounded half up (both ends counted)."""
    days = (end - start).days + 1
    plan_days = (plan.ends_on - plan.starts_on).days + 1
    return int((Decimal(target) * days / plan_days).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator for a period: its value, its target for that period and its definition."""

    key: str
    label: str
    value: int
    #: The target for this period (pro-rated where that applies); None when no plan period covers it or the
    #: plan sets none.
    target: int | None
    definition: str
    #: Jobs created only: the net figure beside the gross value.
    net: int | None = None
    #: The plan period the target comes from, and its full target.
    plan_period: str | None = None
    plan_target: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "target": self.target,
            "definition": self.definition,
        }
        if self.key == Indicator.JOBS_CREATED.value:
            data["net"] = self.net
        return data


def indicators(*, programme: Programme, start: date, end: date) -> list[IndicatorValue]:
    """All eight indicators of `programme` for [start, end], in the funder's order, with their targets."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    plan = covering_plan_period(programme=programme, start=start, end=end)
    plan_targets = (
        dict(Target.objects.filter(plan_period=plan).values_list("indicator", "value")) if plan is not None else {}
    )
    labels = dict(Indicator.choices)
    values = []
    for key, function in INDICATORS.items():
        measured = function(programme=programme, start=start, end=end)
        plan_target = plan_targets.get(key)
        target = plan_target
        if plan is not None and plan_target is not None and key in PRO_RATED:
            target = pro_rated(plan_target, start=start, end=end, plan=plan)
        values.append(
            IndicatorValue(
                key=key,
                label=str(labels[key]),
                value=measured.value,
                target=target,
                definition=definition(key),
                net=measured.net,
                plan_period=plan.name if plan is not None else None,
                plan_target=plan_target,
            )
        )
    return values
