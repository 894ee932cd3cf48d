"""The eight indicators the funder steers on, for any period [start, end].

Each indicator is one function; the definition shown to users beside the figure (and in every export and
the API) is its numbered clause in `clauses.py` (docs/rules.md), which the function's docstring cites.
`indicators()` computes all eight with their targets in a fixed number of queries.

Targets come from the programme's plan period that covers the whole period (`plan_period_covering`, the
shortest one if several do; clause 7). Counts that pile up over time (events, people reached,
participants, jobs) get the plan target pro-rated to the period's length; counts of a state (partners,
locations, mentors) get the full target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db.models import Count, Q
from django.utils import timezone

from fabriek.events.models import Attendance, Event
from fabriek.mentoring.selectors import mentor_people_counted
from fabriek.participation.models import Participation
from fabriek.partners.models import Agreement
from fabriek.programmes.models import Indicator, Location, PlanPeriod, Programme, Target
from fabriek.programmes.selectors import plan_period_covering
from fabriek.reporting import clauses, rules


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


def _held_events(programme: Programme, start: date, end: date, location: Location | None = None) -> Q:
    # "Held": its starting day lies in the period (Dutch time) and it has begun by now, so an event
    # planned for next month does not count yet in a period that runs until the end of the year.
    first, after = _day_bounds(start, end)
    held = Q(programme=programme, starts_at__gte=first, starts_at__lt=after, starts_at__lte=timezone.now())
    return held & Q(location=location) if location is not None else held


def events(*, programme: Programme, start: date, end: date, location: Location | None = None) -> Measurement:
    """Clause 8 of docs/rules.md: entrepreneur events."""
    return Measurement(Event.objects.filter(_held_events(programme, start, end, location)).count())


def people_reached(*, programme: Programme, start: date, end: date, location: Location | None = None) -> Measurement:
    """Clause 9 of docs/rules.md: entrepreneurs reached through events."""
    held = Event.objects.filter(_held_events(programme, start, end, location))
    reached = Attendance.objects.filter(event__in=held, checked_in=True).values("person").distinct()
    return Measurement(reached.count())


def participants(*, programme: Programme, start: date, end: date, location: Location | None = None) -> Measurement:
    """Clause 10 of docs/rules.md: participating entrepreneurs."""
    stays = Participation.objects.filter(programme=programme, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    )
    if location is not None:
        # clause 15: at the location of its latest stay started by the end (as jobs created counts it)
        at_location = rules.latest_stays(programme, started_by=end, location=location)
        return Measurement(at_location.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start)).count())
    return Measurement(stays.values("company").distinct().count())


def partners(*, programme: Programme, start: date, end: date, location: Location | None = None) -> Measurement:
    """Clause 11 of docs/rules.md: cooperation partners."""
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


def physical_locations(
    *, programme: Programme, start: date, end: date, location: Location | None = None
) -> Measurement:
    """Clause 12 of docs/rules.md: physical locations."""
    return Measurement(_active_locations(programme, end)["physical"])


def other_locations(*, programme: Programme, start: date, end: date, location: Location | None = None) -> Measurement:
    """Clause 13 of docs/rules.md: other locations."""
    return Measurement(_active_locations(programme, end)["representation"])


def mentors(*, programme: Programme, start: date, end: date, location: Location | None = None) -> Measurement:
    """Clause 14 of docs/rules.md: entrepreneur-mentors (defined in `mentoring.selectors`)."""
    return Measurement(mentor_people_counted(programme=programme, start=start, end=end).count())


def jobs_created(*, programme: Programme, start: date, end: date, location: Location | None = None) -> Measurement:
    """Clause 3 of docs/rules.md: jobs created, gross with net beside it."""
    result = rules.jobs_created(programme=programme, start=start, end=end, location=location)
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

#: The indicators that can be split by location (clause 15); the others belong to the whole programme.
SPLIT_BY_LOCATION: frozenset[str] = frozenset(
    {
        Indicator.EVENTS.value,
        Indicator.PEOPLE_REACHED.value,
        Indicator.PARTICIPANTS.value,
        Indicator.JOBS_CREATED.value,
    }
)

#: Counts that pile up over time: their target is pro-rated to the period's length. The others are states.
PRO_RATED: frozenset[str] = frozenset(
    {
        Indicator.EVENTS.value,
        Indicator.PEOPLE_REACHED.value,
        Indicator.PARTICIPANTS.value,
        Indicator.JOBS_CREATED.value,
    }
)


def definition(key: str) -> str:
    """The user-facing definition of an indicator, in the user's language: its clause's text followed by
    the sentence on its target (clause 7)."""
    return f"{clauses.INDICATOR_CLAUSES[key].text} {clauses.target_note(pro_rated=key in PRO_RATED)}"


# -- targets -----------------------------------------------------------------------------------------------


def covering_plan_period(*, programme: Programme, start: date, end: date) -> PlanPeriod | None:
    """The plan period whose targets apply to [start, end]: `plan_period_covering` (clause 7)."""
    plans = PlanPeriod.objects.filter(programme=programme, starts_on__lte=start, ends_on__gte=end)
    return plan_period_covering(plans=plans, start=start, end=end)


def pro_rated(target: int, *, start: date, end: date, plan: PlanPeriod) -> int:
    """Clause 7: target x days in [start, end] / days in the plan period, rounded half up (both ends counted)."""
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
    #: Asked for one location, this indicator still counts the whole programme (clause 15).
    whole_programme: bool = False

    @property
    def clause(self) -> clauses.Clause:
        """The clause that defines this indicator (docs/rules.md)."""
        return clauses.INDICATOR_CLAUSES[self.key]

    @property
    def target_note(self) -> str:
        """The sentence on how its target is set (clause 7)."""
        return clauses.target_note(pro_rated=self.key in PRO_RATED)

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


def measurements(
    *, programme: Programme, start: date, end: date, location: Location | None = None
) -> dict[str, Measurement]:
    """The eight indicators' values for [start, end], by key, without labels or targets (what
    `reporting.summary` keeps; it is the same in every language)."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    return {
        key: function(programme=programme, start=start, end=end, location=location)
        for key, function in INDICATORS.items()
    }


def indicators(
    *,
    programme: Programme,
    start: date,
    end: date,
    location: Location | None = None,
    measured: dict[str, Measurement] | None = None,
) -> list[IndicatorValue]:
    """All eight indicators of `programme` for [start, end], in the funder's order, with their targets.

    With `location`, split by location as clause 15 says: the indicators in `SPLIT_BY_LOCATION` count only
    that location, the others stay the whole programme's (`IndicatorValue.whole_programme`), and there are
    no targets, which are set for the whole programme. `measured` are the values of `measurements()` for the
    same arguments, when the caller has them already (`reporting.summary`)."""
    if measured is None:
        measured = measurements(programme=programme, start=start, end=end, location=location)
    plan = covering_plan_period(programme=programme, start=start, end=end)
    plan_targets = (
        dict(Target.objects.filter(plan_period=plan).values_list("indicator", "value")) if plan is not None else {}
    )
    labels = dict(Indicator.choices)
    values = []
    for key in INDICATORS:
        measurement = measured[key]
        plan_target = plan_targets.get(key) if location is None else None
        target = plan_target
        if plan is not None and plan_target is not None and key in PRO_RATED:
            target = pro_rated(plan_target, start=start, end=end, plan=plan)
        values.append(
            IndicatorValue(
                key=key,
                label=str(labels[key]),
                value=measurement.value,
                target=target,
                definition=definition(key),
                net=measurement.net,
                plan_period=plan.name if plan is not None else None,
                plan_target=plan_target,
                whole_programme=location is not None and key not in SPLIT_BY_LOCATION,
            )
        )
    return values
