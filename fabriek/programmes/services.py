"""Writes of locations, and the validation helpers the services of the higher apps share.

`full_clean_per_field` and `save_per_field` turn a broken database constraint into an error on the form field a
person can fix, with a message that says what to do, instead of a message naming the constraint (or a 500).
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fabriek.core.audit import diff, log_action, snapshot
from fabriek.programmes.models import Location, Programme

#: constraint name -> (field the error belongs to, message for the user)
ConstraintErrors = Mapping[str, tuple[str, str | Promise]]


def full_clean_per_field(
    obj: models.Model, constraint_errors: ConstraintErrors, *, exclude: Iterable[str] = ()
) -> None:
    """`obj.full_clean()`, but each violated constraint named in `constraint_errors` is reported on its field.

    Django reports a check constraint, and a unique constraint over several fields, above the form with the
    constraint's name; a person needs to know which field to change. Constraints whose fields already failed
    their own validation are skipped, as full_clean does.
    """
    errors: dict[str, list[ValidationError]] = {}
    try:
        obj.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    skip = set(errors) | set(exclude)
    for constraint in obj._meta.constraints:
        try:
            constraint.validate(type(obj), obj, exclude=skip)  # type: ignore[attr-defined]  # missing in the stubs
        except ValidationError as error:
            field, message = constraint_errors.get(constraint.name, (NON_FIELD_ERRORS, ""))
            errors.setdefault(field, []).append(
                ValidationError(str(message), code=constraint.name) if message else error
            )
    if errors:
        raise ValidationError(errors)


def assign_or_restore(obj: models.Model, fields: Mapping[str, Any], constraint_errors: ConstraintErrors) -> None:
    """Set `fields` on `obj` and validate; when that fails, put the old values back, so a refused change
    leaves the object as it was (the page that shows the errors still shows the stored record)."""
    original = {name: getattr(obj, name) for name in fields}
    for name, value in fields.items():
        setattr(obj, name, value)
    try:
        full_clean_per_field(obj, constraint_errors)
    except ValidationError:
        for name, value in original.items():
            setattr(obj, name, value)
        raise


def save_per_field(obj: models.Model, constraint_errors: ConstraintErrors, **save_kwargs: Any) -> None:
    """Save `obj`; if the database refuses it (another request wrote a conflicting row since we checked),
    report that as the validation error the check would have given, never as a server error."""
    try:
        with transaction.atomic():
            obj.save(**save_kwargs)
    except IntegrityError as error:
        full_clean_per_field(obj, constraint_errors)
        raise ValidationError(_("Someone else changed this at the same time. Please try again.")) from error


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
    unknown = set(fields) - set(LOCATION_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if location.programme_id != programme.pk:
        raise ValueError("the location belongs to another programme")
    before = snapshot(location, LOCATION_FIELDS)
    assign_or_restore(location, fields, LOCATION_CONSTRAINT_ERRORS)
    changes = diff(before, snapshot(location, LOCATION_FIELDS))
    if changes:
        save_per_field(location, LOCATION_CONSTRAINT_ERRORS, update_fields=list(changes))
        log_action(
            actor=actor,
            action="programmes.location.updated",
            obj=location,
            changes=changes,
            programme_slug=programme.slug,
        )
    return location
