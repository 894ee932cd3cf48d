"""Writes of locations."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fabriek.core.audit import log_action, snapshot
from fabriek.core.validation import ConstraintErrors, full_clean_per_field, save_per_field, update_logged
from fabriek.programmes.models import Location, Programme

LOCATION_FIELDS = (
    "name",
    "kind",
    "status",
    "opened_on",
    "closed_on",
    "address",
    "municipality_code",
    "desk_capacity",
)
LOCATION_CONSTRAINT_ERRORS: ConstraintErrors = {
    "location_unique_name": ("name", _("This programme already has a location with this name.")),
    "location_closes_after_opening": (
        "closed_on",
        _("A location closes after it opened: fill in the opening date, on or before the closing date."),
    ),
    "location_closed_has_date": ("closed_on", _("A closed location needs a closing date.")),
}


@transaction.atomic
def location_create(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    kind: str,
    status: str = Location.Status.EXPLORING,
    opened_on: date | None = None,
    closed_on: date | None = None,
    address: str = "",
    municipality_code: str = "",
    desk_capacity: int = 0,
) -> Location:
    """Add a location (physical or a representation point) to a programme. Raises ValidationError per field."""
    location = Location(
        programme=programme,
        name=name,
        kind=kind,
        status=status,
        opened_on=opened_on,
        closed_on=closed_on,
        address=address,
        municipality_code=municipality_code,
        desk_capacity=desk_capacity,
    )
    full_clean_per_field(location, LOCATION_CONSTRAINT_ERRORS)
    save_per_field(location, LOCATION_CONSTRAINT_ERRORS)
    log_action(
        actor=actor,
        action="programmes.location.created",
        obj=location,
        changes={f: [None, v] for f, v in snapshot(location, LOCATION_FIELDS).items() if v not in ("", None)},
        programme_slug=programme.slug,
    )
    return location


@transaction.atomic
def location_update(*, actor: Any, programme: Programme, location: Location, **fields: Any) -> Location:
    """Change a location; only the fields given change, and the audit entry lists them old -> new."""
    if location.programme_id != programme.pk:
        raise ValueError("the location belongs to another programme")
    update_logged(
        location,
        fields=fields,
        editable=LOCATION_FIELDS,
        constraint_errors=LOCATION_CONSTRAINT_ERRORS,
        actor=actor,
        action="programmes.location.updated",
        programme_slug=programme.slug,
    )
    return location
