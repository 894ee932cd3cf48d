"""Reads for the report pages and the API: periods to offer, the default report date, and the records behind
a number, always scoped by the programme and by what the member may see.

The numbers themselves come from `rules` and `indicators`; this module only finds the rows behind them. For
the indicators that count other things than companies (events, people, partners, locations, mentors) the
queries repeat the indicator's definition, and the tests check that each list is exactly as long as the
figure it explains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import DateField, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Person
from fabriek.companies.selectors import company_visible
from fabriek.core.periods import Period
from fabriek.events.models import Attendance, Event
from fabriek.mentoring.selectors import mentor_people_counted
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.partners.models import Agreement, Partner
from fabriek.programmes.models import Location, PlanPeriod, Programme

#: A custom period's chart shows at most this many calendar years (the last ones), so that a period of
#: decades does not cost a report per year.
MAX_CHART_YEARS = 10
#: A period within one year is shown beside this many calendar years in all (its own included).
MAX_CONTEXT_YEARS = 5


# -- periods -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodChoice:
    """A period the dashboard offers: the plan period or one calendar year of it."""

    label: str
    start: date
    end: date
    is_plan: bool = False

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)


def plan_periods(*, programme: Programme) -> list[PlanPeriod]:
    return list(PlanPeriod.objects.filter(programme=programme).order_by("starts_on", "pk"))


def plan_period_default(*, plans: list[PlanPeriod], today: date) -> PlanPeriod | None:
    """The plan period a report opens on: the one running today, else the latest that has started, else the
    first one (all lie in the future)."""
    running = [plan for plan in plans if plan.starts_on <= today <= plan.ends_on]
    if running:
        return running[-1]
    started = [plan for plan in plans if plan.starts_on <= today]
    if started:
        return started[-1]
    return plans[0] if plans else None


def period_choices(*, plan: PlanPeriod | None) -> list[PeriodChoice]:
    """The plan period and each of its calendar years (clipped to it)."""
    if plan is None:
        return []
    whole = PeriodChoice(_("Plan period %(name)s") % {"name": plan.name}, plan.starts_on, plan.ends_on, is_plan=True)
    years = [
        PeriodChoice(str(year.start.year), year.start, year.end)
        for year in Period(plan.starts_on, plan.ends_on).years()
    ]
    return [whole, *years] if len(years) > 1 else [whole]


def default_period(*, plans: list[PlanPeriod], today: date) -> tuple[PlanPeriod | None, date, date]:
    """The period a report opens on: the plan period of `plan_period_default`, or this calendar year when the
    programme has no plan period. Returns that plan period (or None), the first and the last day."""
    plan = plan_period_default(plans=plans, today=today)
    if plan is not None:
        return plan, plan.starts_on, plan.ends_on
    year = Period.year(today.year)
    return None, year.start, year.end


def chart_years(*, start: date, end: date, today: date) -> list[Period]:
    """The calendar years the per-year bars show: those of the chosen period, each clipped to it, up to and
    including the current year (later years have no records yet), the last MAX_CHART_YEARS. A period within
    one calendar year gets the years before it as well (whole years, up to MAX_CHART_YEARS bars), so that
    its bar has something to be compared with."""
    last = min(end, date(today.year, 12, 31)) if start.year <= today.year else end
    if start.year == last.year:
        first_year = max(start.year - MAX_CONTEXT_YEARS + 1, 1)
        years = [Period.year(year) for year in range(first_year, start.year)]
        return [*years, Period(start, last)][-MAX_CHART_YEARS:]
    return list(Period(start, last).years())[-MAX_CHART_YEARS:]


def last_record_day(*, programme: Programme, today: date) -> date:
    """The last day anything was recorded for the programme's companies (a figure, a start or an end),
    but not after today; today when there are no records."""
    return day_to_open(latest_record(programme=programme), today=today)


def day_to_open(latest: date | None, *, today: date) -> date:
    """The day the in/outflow table opens on, from `latest_record` (which the figures summary keeps)."""
    return min(latest, today) if latest is not None else today


def latest_record(*, programme: Programme) -> date | None:
    """The latest day of any figure, start or end of the programme's companies (None when there is none)."""
    stays = Participation.objects.filter(programme=programme)
    # Each company's latest figure is one probe of the (company, observed_on) index; joining all figures and
    # taking their maximum read every observation of the programme (issue 8: 450 ms on 2M observations).
    latest = (
        Observation.objects.filter(company=OuterRef("company_id"), programme=programme)
        .order_by("-observed_on")
        .values("observed_on")
    )
    found = stays.aggregate(
        started=Max("started_on"),
        ended=Max("ended_on"),
        observed=Max(Subquery(latest[:1], output_field=DateField())),
    )
    days = [day for day in (found["started"], found["ended"], found["observed"]) if day is not None]
    return max(days) if days else None


# -- companies behind a number -----------------------------------------------------------------------------


def visible_in_order(*, membership: Membership, ids: Iterable[int], order: list[int]) -> list[int]:
    """The ids among `ids` of the companies the member may see, in `order` (the programme's companies by
    name, `summary.Figures.company_order`). For a location manager that is the companies that ever stayed at
    their location; the page says the list is filtered."""
    wanted = set(ids)
    ordered = [pk for pk in order if pk in wanted]
    if membership.role == Role.STAFF:  # staff see every company of the programme, which `order` holds
        return ordered
    visible = set(company_visible(membership=membership).values_list("pk", flat=True))
    return [pk for pk in ordered if pk in visible]


# -- records behind the indicators that do not count companies ---------------------------------------------


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def events_held(*, programme: Programme, start: date, end: date) -> QuerySet[Event]:
    """The events behind the `events` indicator: started on a day of the period (Dutch time), and by now."""
    first, after = _day_bounds(start, end)
    return (
        Event.objects.filter(programme=programme, starts_at__gte=first, starts_at__lt=after)
        .filter(starts_at__lte=timezone.now())
        .select_related("location")
        .order_by("starts_at", "pk")
    )


def people_reached(*, programme: Programme, start: date, end: date) -> QuerySet[Person]:
    """The people behind `people_reached`: checked in at least once at an event held in the period."""
    attended = Attendance.objects.filter(
        event__in=events_held(programme=programme, start=start, end=end).values("pk"), checked_in=True
    )
    return Person.objects.filter(pk__in=attended.values("person")).order_by("name", "pk")


def partners_with_agreement(*, programme: Programme, start: date, end: date) -> QuerySet[Partner]:
    """The partners behind `partners`: an agreement with the programme that ran on a day of the period."""
    agreements = Agreement.objects.filter(programme=programme, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    )
    return Partner.objects.filter(pk__in=agreements.values("partner")).order_by("name", "pk")


def locations_open(*, programme: Programme, end: date, kind: str) -> QuerySet[Location]:
    """The locations behind `physical_locations` / `other_locations`: opened on or before the last day, not
    closed by then, past the exploring stage."""
    return (
        Location.objects.filter(programme=programme, kind=kind, opened_on__lte=end)
        .exclude(status=Location.Status.EXPLORING)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .order_by("name", "pk")
    )


def mentors_active(*, programme: Programme, start: date, end: date) -> QuerySet[Person]:
    """The people behind `mentors` (clause 14, `mentoring.selectors.mentor_people_counted`). Each carries
    `mentor_id`, their latest mentor record in the programme, to link to."""
    return (
        Person.objects.filter(pk__in=mentor_people_counted(programme=programme, start=start, end=end))
        .annotate(mentor_id=Max("mentorships__pk", filter=Q(mentorships__programme=programme)))
        .order_by("name", "pk")
    )
