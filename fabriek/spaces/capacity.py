"""Desks needed versus desks there: the capacity warning of a location. One definition, shown on the pages.

Needed on a day = the location's current full-time stays (each holds a fixed desk) + the flexible desk-days
its current part-time stays may book in a week, spread over the five working days and rounded up. Network
stays need no desk. There = the location's desks in use; a location that has recorded no desks yet counts
its `desk_capacity`. A warning when needed > there, and also when there are more current full-time stays
than fixed desks (a full-time package promises a fixed desk; while no desks are recorded this part is not
checked).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from fabriek.participation.models import Participation
from fabriek.programmes.models import Location, ServicePackage
from fabriek.spaces import rules
from fabriek.spaces.models import Desk

WORKING_DAYS = 5

#: Shown beside the warning on every page that shows it.
HOW_COMPUTED = _(
    "Desks needed: one for each current full-time stay, plus the flexible desk-days the current part-time "
    "stays may book in a week divided over five working days (rounded up). Network stays need no desk. "
    "Desks there: the desks in use at the location (its desk capacity while no desks are recorded). "
    "A warning also when there are more current full-time stays than fixed desks."
)


@dataclass(frozen=True)
class Capacity:
    location: Location
    full_time: int
    part_time: int
    flexible_days_per_week: int
    desks: int
    fixed_desks: int
    desks_recorded: bool = True

    @property
    def needed(self) -> int:
        return self.full_time + -(-self.flexible_days_per_week // WORKING_DAYS)

    @property
    def short(self) -> int:
        return max(0, self.needed - self.desks)

    @property
    def fixed_short(self) -> int:
        """Full-time stays beyond the fixed desks (0 while the location records no desks)."""
        return max(0, self.full_time - self.fixed_desks) if self.desks_recorded else 0

    @property
    def warning(self) -> bool:
        return self.needed > self.desks or self.fixed_short > 0


def location_capacity(locations: list[Location], *, today: date) -> list[Capacity]:
    """The capacity of each location on `today`, in two queries whatever the number of locations."""
    ids = [location.pk for location in locations]
    stays = (
        Participation.objects.filter(rules.stay_covers_q(today), location__in=ids)
        .values("location")
        .annotate(
            full_time=Count("pk", filter=Q(package__kind=ServicePackage.Kind.FULLTIME)),
            part_time=Count("pk", filter=Q(package__kind=ServicePackage.Kind.PARTTIME)),
            flexible_days=Sum(
                "package__flexible_desk_days_per_week", filter=Q(package__kind=ServicePackage.Kind.PARTTIME)
            ),
        )
    )
    per_location = {row["location"]: row for row in stays}
    desks = {
        row["location"]: row
        for row in Desk.objects.filter(location__in=ids, active=True)
        .values("location")
        .annotate(total=Count("pk"), fixed=Count("pk", filter=Q(kind=Desk.Kind.FIXED)))
    }
    result = []
    for location in locations:
        row = per_location.get(location.pk, {})
        desk_row = desks.get(location.pk)
        result.append(
            Capacity(
                location=location,
                full_time=row.get("full_time", 0),
                part_time=row.get("part_time", 0),
                flexible_days_per_week=row.get("flexible_days") or 0,
                desks=desk_row["total"] if desk_row else location.desk_capacity,
                fixed_desks=desk_row["fixed"] if desk_row else 0,
                desks_recorded=desk_row is not None,
            )
        )
    return result
