"""Writes of mentors. A mentor is a Person (name, e-mail, phone) linked to a programme for a span of time;
the mentor services write both, in one transaction and one audit entry."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fabriek.companies.models import Company, Person
from fabriek.core.audit import diff, log_action, snapshot
from fabriek.core.validation import ConstraintErrors, full_clean_per_field, save_per_field, update_logged
from fabriek.mentoring.models import Mentor, MentorMatch
from fabriek.programmes.models import Programme

PERSON_FIELDS = ("name", "email", "phone")
MENTOR_FIELDS = ("expertise", "active_from", "active_until")
PERSON_CONSTRAINT_ERRORS: ConstraintErrors = {}
MENTOR_CONSTRAINT_ERRORS: ConstraintErrors = {
    "mentor_active_until_after_from": ("active_until", _("A mentor cannot stop before they start.")),
    "mentor_unique_span": ("active_from", _("This mentor already has a span starting on this date.")),
}


def normalise_expertise(tags: Iterable[str]) -> list[str]:
    """Tags without surrounding spaces, without empty ones, each once (ignoring case; the first spelling wins)."""
    seen: set[str] = set()
    result = []
    for tag in (t.strip() for t in tags):
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return result


def _validate(person: Person, mentor: Mentor, *, person_is_new: bool) -> None:
    """Validate both records and report all errors at once, each on its form field."""
    errors: dict[str, list[ValidationError]] = {}
    for obj, constraint_errors, exclude in (
        (person, PERSON_CONSTRAINT_ERRORS, ()),
        # A new person has no id yet; the mentor's checks that need it cannot fail for a new person.
        (mentor, MENTOR_CONSTRAINT_ERRORS, ("person",) if person_is_new else ()),
    ):
        try:
            full_clean_per_field(obj, constraint_errors, exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _changes(person: Person, mentor: Mentor) -> dict[str, Any]:
    return {**snapshot(person, PERSON_FIELDS), **snapshot(mentor, MENTOR_FIELDS)}


@transaction.atomic
def mentor_create(
    *,
    actor: Any,
    programme: Programme,
    name: str,
    active_from: date,
    email: str = "",
    phone: str = "",
    expertise: Sequence[str] = (),
    active_until: date | None = None,
) -> Mentor:
    """Link a new mentor to a programme: creates the person and the mentor record. The e-mail is how a
    mentor who logs in finds their own record (see selectors.mentor_visible)."""
    person = Person(name=name, email=email, phone=phone)
    mentor = Mentor(
        programme=programme,
        expertise=normalise_expertise(expertise),
        active_from=active_from,
        active_until=active_until,
    )
    _validate(person, mentor, person_is_new=True)
    save_per_field(person, PERSON_CONSTRAINT_ERRORS)
    mentor.person = person
    save_per_field(mentor, MENTOR_CONSTRAINT_ERRORS)
    log_action(
        actor=actor,
        action="mentoring.mentor.created",
        obj=mentor,
        changes={f: [None, v] for f, v in _changes(person, mentor).items() if v not in ("", None, [])},
        programme_slug=programme.slug,
    )
    return mentor


@transaction.atomic
def mentor_update(*, actor: Any, programme: Programme, mentor: Mentor, **fields: Any) -> Mentor:
    """Change a mentor's person details (name, email, phone) and span or expertise; only the fields given
    change, and one audit entry lists them old -> new. A refused change leaves both objects as they were."""
    unknown = set(fields) - set(PERSON_FIELDS) - set(MENTOR_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if mentor.programme_id != programme.pk:
        raise ValueError("the mentor belongs to another programme")
    if "expertise" in fields:
        fields["expertise"] = normalise_expertise(fields["expertise"])
    person = mentor.person
    before = _changes(person, mentor)
    original = {name: getattr(person if name in PERSON_FIELDS else mentor, name) for name in fields}
    for name, value in fields.items():
        setattr(person if name in PERSON_FIELDS else mentor, name, value)
    try:
        _validate(person, mentor, person_is_new=False)
    except ValidationError:
        for name, value in original.items():
            setattr(person if name in PERSON_FIELDS else mentor, name, value)
        raise
    changes = diff(before, _changes(person, mentor))
    if changes:
        person_changed = [f for f in changes if f in PERSON_FIELDS]
        mentor_changed = [f for f in changes if f in MENTOR_FIELDS]
        if person_changed:
            save_per_field(person, PERSON_CONSTRAINT_ERRORS, update_fields=person_changed)
        if mentor_changed:
            save_per_field(mentor, MENTOR_CONSTRAINT_ERRORS, update_fields=mentor_changed)
        log_action(
            actor=actor,
            action="mentoring.mentor.updated",
            obj=mentor,
            changes=changes,
            programme_slug=programme.slug,
        )
    return mentor


MATCH_FIELDS = ("mentor", "company", "started_on", "ended_on")
MATCH_CONSTRAINT_ERRORS: ConstraintErrors = {
    "mentormatch_ends_after_start": ("ended_on", _("A mentorship cannot end before it starts.")),
    "mentormatch_unique_start": ("company", _("This mentor already coaches this company from this date.")),
}


@transaction.atomic
def mentor_match_create(
    *,
    actor: Any,
    programme: Programme,
    mentor: Mentor,
    company: Company,
    started_on: date,
    ended_on: date | None = None,
) -> MentorMatch:
    """Make a company a mentor's mentee. Both must belong to the programme."""
    if mentor.programme_id != programme.pk:
        raise ValueError("the mentor belongs to another programme")
    if not company.programmes.filter(pk=programme.pk).exists():
        raise ValidationError({"company": _("Choose a company of this programme.")})
    match = MentorMatch(mentor=mentor, company=company, started_on=started_on, ended_on=ended_on)
    full_clean_per_field(match, MATCH_CONSTRAINT_ERRORS)
    save_per_field(match, MATCH_CONSTRAINT_ERRORS)
    log_action(
        actor=actor,
        action="mentoring.mentormatch.created",
        obj=match,
        changes={f: [None, v] for f, v in snapshot(match, MATCH_FIELDS).items() if v is not None},
        programme_slug=programme.slug,
    )
    return match


@transaction.atomic
def mentor_match_end(*, actor: Any, programme: Programme, match: MentorMatch, ended_on: date) -> MentorMatch:
    """End a mentorship on `ended_on` (not before its start)."""
    update_logged(
        match,
        fields={"ended_on": ended_on},
        editable=("ended_on",),
        constraint_errors=MATCH_CONSTRAINT_ERRORS,
        actor=actor,
        action="mentoring.mentormatch.ended",
        programme_slug=programme.slug,
    )
    return match
