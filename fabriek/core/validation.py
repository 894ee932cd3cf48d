"""Validation shared by the services: constraint errors on the field a person can fix, never a 500.

`full_clean_per_field` and `save_per_field` turn a broken database constraint into an error on the form field a
person can fix, with a message that says what to do, instead of a message naming the constraint (or a 500).
`update_logged` is the common shape of an `<entity>_update` service: change only the fields given, validate,
save, and write the audit entry with the changed fields old -> new.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fabriek.core.audit import diff, log_action, snapshot

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


def update_logged(
    obj: models.Model,
    *,
    fields: Mapping[str, Any],
    editable: Iterable[str],
    constraint_errors: ConstraintErrors,
    actor: Any,
    action: str,
    programme_slug: str,
) -> dict[str, list[Any]]:
    """Set `fields` (each one of `editable`) on `obj`, validate, save the changed ones and log them.

    Returns the changes as {field: [old, new]}; nothing is saved or logged when nothing changed. A refused
    change raises ValidationError per field and leaves `obj` as it was."""
    editable = tuple(editable)
    unknown = set(fields) - set(editable)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(obj, editable)
    assign_or_restore(obj, fields, constraint_errors)
    changes = diff(before, snapshot(obj, editable))
    if changes:
        save_per_field(obj, constraint_errors, update_fields=list(changes))
        log_action(actor=actor, action=action, obj=obj, changes=changes, programme_slug=programme_slug)
    return changes
