"""Reads of participations, always through the user's membership so nobody sees what is not theirs."""

from datetime import date, timedelta

from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from fabriek.accounts.models import Membership, Role
from fabriek.companies.models import Company
from fabriek.core.models import AuditEntry
from fabriek.core.periods import Period, add_years
from fabriek.participation.models import Participation
from fabriek.programmes.models import Location

STATUS_CURRENT = "current"
STATUS_ENDED = "ended"


def participation_visible(*, membership: Membership) -> QuerySet[Participation]:
    """The stays this member may see: all of the programme's for staff, those at their location for a
    location manager, their own company's for a participant, none for the other roles."""
    qs = Participation.objects.filter(programme=membership.programme)
    if membership.role == Role.STAFF:
        return qs
    if membership.role == Role.LOCATION_MANAGER:
        return qs.filter(location=membership.location_id)
    if membership.role == Role.PARTICIPANT:
        return qs.filter(company=membership.company_id)
    return qs.none()


def participation_list(
    *,
    membership: Membership,
    search: str = "",
    location_id: int | None = None,
    status: str = "",
    year: int | None = None,
    today: date | None = None,
) -> QuerySet[Participation]:
    """Visible stays, newest first, filtered.

    `status` "current" keeps stays that have not ended by `today` (default: today in Europe/Amsterdam),
    "ended" those that have; `year` keeps stays that share at least one day with that calendar year.
    """
    today = today or timezone.localdate()
    qs = participation_visible(membership=membership).select_related("company", "location", "package")
    search = search.strip()
    if search:
        qs = qs.filter(Q(company__name__icontains=search) | Q(company__kvk_number__startswith=search))
    if location_id:
        qs = qs.filter(location_id=location_id)
    if status == STATUS_CURRENT:
        qs = qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
    elif status == STATUS_ENDED:
        qs = qs.filter(ended_on__lt=today)
    if year:
        period = Period.year(year)
        qs = qs.filter(started_on__lte=period.end).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
    return qs.order_by("-started_on", "company__name", "pk")


def participation_years(*, membership: Membership, today: date | None = None) -> list[int]:
    """The calendar years from the first visible stay up to this year, newest first (for the year filter)."""
    today = today or timezone.localdate()
    first = participation_visible(membership=membership).aggregate(first=Min("started_on"))["first"]
    if first is None:
        return [today.year]
    return list(range(max(today.year, first.year), first.year - 1, -1))


def participation_get(*, membership: Membership, pk: int) -> Participation:
    """One visible stay, or 404 (also for stays of other programmes: their existence stays hidden)."""
    participation = (
        participation_visible(membership=membership).select_related("company", "location", "package").filter(pk=pk)
    ).first()
    if participation is None:
        raise Http404
    return participation


def participation_location_choices(*, membership: Membership) -> QuerySet[Location]:
    """The locations this member may pick: their own for a location manager, the programme's for others."""
    qs = Location.objects.filter(programme=membership.programme)
    if membership.role == Role.LOCATION_MANAGER:
        qs = qs.filter(pk__in=[membership.location_id])
    return qs.order_by("name")


def participation_company_choices(*, membership: Membership) -> QuerySet[Company]:
    """The companies this member may give a stay: the programme's for staff; for a location manager those
    that stayed at their location plus those the programme has not placed anywhere yet (newly admitted
    companies, which staff register before a location takes them in)."""
    qs = Company.objects.filter(programmes=membership.programme)
    if membership.role == Role.STAFF:
        return qs.order_by("name", "pk")
    if membership.role == Role.LOCATION_MANAGER:
        stays = Participation.objects.filter(programme=membership.programme, company=OuterRef("pk"))
        qs = qs.filter(~Exists(stays) | Exists(stays.filter(location=membership.location_id)))
        return qs.order_by("name", "pk")
    return qs.none()


def participation_history(*, participation: Participation) -> QuerySet[AuditEntry]:
    """The audit entries about one stay, newest first."""
    return (
        AuditEntry.objects.filter(object_type=Participation._meta.label_lower, object_id=str(participation.pk))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


#: How far ahead "ending soon" looks: a quarter, time enough to plan what comes after the stay.
ENDING_SOON_DAYS = 90


def participation_current(*, membership: Membership, today: date | None = None) -> QuerySet[Participation]:
    """The visible stays going on today (not ended, or ending today or later), longest-running first."""
    today = today or timezone.localdate()
    return (
        participation_visible(membership=membership)
        .filter(started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("company", "location", "package")
        .order_by("started_on", "company__name", "pk")
    )


def latest_start_reaching_limit_by(day: date) -> date:
    """The last start date whose two-year limit (`add_years(start, 2)`) falls on or before `day`.

    Going back two years from `day` is not quite it: a stay from 29 February reaches its limit on
    28 February, so for `day` 28 February 2026 the answer is 29 February 2024, not the 28th."""
    start = add_years(day, -2)
    if add_years(start + timedelta(days=1), 2) <= day:
        start += timedelta(days=1)
    return start


def participation_ending_soon(*, membership: Membership, today: date | None = None) -> QuerySet[Participation]:
    """Current stays that reach their end within ENDING_SOON_DAYS days: the recorded end date if there is one,
    else the two-year limit (start + 2 years, `add_years`). Stays already past the limit are included: they
    need a decision as much as those about to reach it."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=ENDING_SOON_DAYS)
    limit_reached = Q(ended_on__isnull=True, started_on__lte=latest_start_reaching_limit_by(horizon))
    return participation_current(membership=membership, today=today).filter(
        limit_reached | Q(ended_on__isnull=False, ended_on__lte=horizon)
    )
