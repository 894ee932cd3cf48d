"""Reads of locations. Locations hold no personal data, so every member of a programme may read them; the
number of current participants is an aggregate, computed in SQL through the reverse relation."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fabriek.programmes.models import Location, PlanPeriod, Programme


def _current_participations(on: date) -> Q:
    """Participations under way on `on`: started on or before it and not ended before it."""
    return Q(participations__started_on__lte=on) & (
        Q(participations__ended_on__isnull=True) | Q(participations__ended_on__gte=on)
    )


def location_with_counts(*, programme: Programme, on: date | None = None) -> QuerySet[Location]:
    """The programme's locations, each with `current_participants`: stays under way on `on` (default today)."""
    on = on or timezone.localdate()
    return Location.objects.filter(programme=programme).annotate(
        current_participants=Count("participations", filter=_current_participations(on))
    )


def location_list(
    *, programme: Programme, search: str = "", kind: str = "", status: str = "", on: date | None = None
) -> QuerySet[Location]:
    qs = location_with_counts(programme=programme, on=on)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(address__icontains=search))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("name", "pk")


def location_get(*, programme: Programme, pk: int, on: date | None = None) -> Location:
    """One location of the programme with its current participants, or 404 (also for other programmes')."""
    location = location_with_counts(programme=programme, on=on).filter(pk=pk).first()
    if location is None:
        raise Http404
    return location


def location_choices(*, programme: Programme) -> QuerySet[Location]:
    """The programme's locations, for a choice field (no counts)."""
    return Location.objects.filter(programme=programme).order_by("name", "pk")


def plan_period_covering(*, plans: Iterable[PlanPeriod], start: date, end: date) -> PlanPeriod | None:
    """The plan period that covers all of [start, end] (docs/rules.md, clause 7): the shortest if several
    do; between equally long ones the later start, then the lower id. None when none covers it.

    The one pick of the plan period: the dashboard's choices and charts and the targets of the indicators
    both call it. `plans` may be a programme's list or a queryset (a programme has a handful)."""
    covering = [plan for plan in plans if plan.starts_on <= start and end <= plan.ends_on]
    return min(covering, key=lambda p: (p.ends_on - p.starts_on, -p.starts_on.toordinal(), p.pk or 0), default=None)
