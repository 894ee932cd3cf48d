"""Writes of companies: each one validated, atomic and in the audit log."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fabriek.accounts.models import Membership
from fabriek.companies import kvk
from fabriek.companies.models import Company, CompanyRole, KvkLookup, Person
from fabriek.companies.normalise import normalise_municipality, normalise_postcode, normalise_sbi
from fabriek.companies.selectors import programme_people_q
from fabriek.core.audit import diff, log_action, snapshot
from fabriek.core.deletion import DeletionPlan, deletion_apply, deletion_plan
from fabriek.core.models import AuditEntry
from fabriek.core.validation import ConstraintErrors, full_clean_per_field, save_per_field, update_logged
from fabriek.programmes.models import Programme

EDITABLE_FIELDS = ("kvk_number", "name", "founded_on", "postcode", "municipality_code", "sbi_code")
#: A participant keeps their own company's details up to date, but not its KvK number: imports and
#: figures are matched on it, so only the programme team changes it.
PARTICIPANT_EDITABLE_FIELDS = tuple(f for f in EDITABLE_FIELDS if f != "kvk_number")


def company_editable_fields(*, role: str) -> tuple[str, ...]:
    return PARTICIPANT_EDITABLE_FIELDS if role == "participant" else EDITABLE_FIELDS


#: field -> the validator that gives it its stored form (the same the form and the importer call)
NORMALISERS = {"postcode": normalise_postcode, "municipality_code": normalise_municipality, "sbi_code": normalise_sbi}


def _normalised(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """`fields` with postcode, municipality and SBI code in their stored form, and the errors per field of
    those that have none (their values are left as given)."""
    errors: dict[str, list[str]] = {}
    result = dict(fields)
    for name, normaliser in NORMALISERS.items():
        if isinstance(result.get(name), str):
            try:
                result[name] = normaliser(result[name])
            except ValidationError as error:
                errors[name] = error.messages
    return result, errors


def _full_clean(company: Company, errors: dict[str, list[str]]) -> None:
    """`company.full_clean()`, with the normalisers' errors in place of the model's for the same fields."""
    try:
        company.full_clean(exclude=list(errors))
    except ValidationError as error:
        raise ValidationError(error.message_dict | errors) from None
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def company_create(
    *,
    actor: Any,
    programme: Programme,
    kvk_number: str,
    name: str,
    founded_on: date | None = None,
    postcode: str = "",
    municipality_code: str = "",
    sbi_code: str = "",
) -> Company:
    """Register a company in a programme. Raises ValidationError (per field) on bad input."""
    details, errors = _normalised({"postcode": postcode, "municipality_code": municipality_code, "sbi_code": sbi_code})
    company = Company(kvk_number=kvk_number, name=name, founded_on=founded_on, **details)
    _full_clean(company, errors)
    save_per_field(company, {})  # a concurrent twin with the same KvK number: a field error, not a 500
    company.programmes.add(programme)
    log_action(
        actor=actor,
        action="companies.company.created",
        obj=company,
        changes={f: [None, v] for f, v in snapshot(company, EDITABLE_FIELDS).items() if v not in ("", None)},
        programme_slug=programme.slug,
    )
    return company


@transaction.atomic
def company_update(
    *,
    actor: Any,
    programme: Programme,
    company: Company,
    allowed_fields: tuple[str, ...] = EDITABLE_FIELDS,
    **fields: Any,
) -> Company:
    """Change a company's details; only the fields given change, and the audit entry lists them old -> new.

    A field outside `allowed_fields` may be sent unchanged (a form posts every field) but not changed."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    refused = {
        name: _("You may not change this; ask the programme team.")
        for name, value in fields.items()
        if name not in allowed_fields and value != getattr(company, name)
    }
    if refused:
        raise ValidationError(refused)
    fields, errors = _normalised(fields)
    before = snapshot(company, EDITABLE_FIELDS)
    for name, value in fields.items():
        setattr(company, name, value)
    _full_clean(company, errors)
    changes = diff(before, snapshot(company, EDITABLE_FIELDS))
    if changes:
        save_per_field(company, {}, update_fields=list(changes))
        log_action(
            actor=actor, action="companies.company.updated", obj=company, changes=changes, programme_slug=programme.slug
        )
    return company


def kvk_client() -> kvk.KvkClient:
    """The client for the KVK account in the settings; KvkNotConfigured when there is no key."""
    return kvk.KvkClient(
        base_url=settings.KVK_API_URL,
        api_key=settings.KVK_API_KEY,
        timeout=settings.KVK_TIMEOUT_SECONDS,
        attempts=settings.KVK_ATTEMPTS,
        backoff=settings.KVK_BACKOFF_SECONDS,
    )


def kvk_lookup(*, kvk_number: str, client: kvk.KvkClient | None = None) -> kvk.KvkCompany:
    """What the KvK register says about a number, from the cache when it answered within KVK_CACHE_SECONDS.

    Raises KvkInvalidNumber (malformed), KvkNotFound (KVK does not know it; cached too), KvkNotConfigured
    (no key) or KvkUnavailable (unreachable or 5xx after retries; not cached, so the next try asks again).
    """
    number = kvk.normalise_kvk_number(kvk_number)
    fresh_since = timezone.now() - timedelta(seconds=settings.KVK_CACHE_SECONDS)
    cached = KvkLookup.objects.filter(kvk_number=number, fetched_at__gte=fresh_since).first()
    if cached is not None:
        if not cached.found:
            raise kvk.KvkNotFound(kvk.IPD_CODES["IPD0005"][1], code="IPD0005")
        return kvk.KvkCompany.from_dict(cached.data)
    client = client or kvk_client()
    try:
        company = client.company(number)
    except kvk.KvkNotFound:
        _remember(number, found=False, data={})
        raise
    _remember(number, found=True, data=company.as_dict())
    return company


def _remember(number: str, *, found: bool, data: dict[str, Any]) -> None:
    # Two requests may race to fill the same number: the later answer wins, both are the register's.
    KvkLookup.objects.update_or_create(
        kvk_number=number, defaults={"found": found, "data": data, "fetched_at": timezone.now()}
    )


def company_delete_plan(*, programme: Programme, company: Company) -> DeletionPlan:
    """What deleting a company from a programme takes.

    Its stays in this programme always go. A company held by this programme only goes altogether, with its
    figures, its people's roles in it and its participants' accounts (the people themselves stay). A
    company another programme also holds (it is matched on its KvK number) stays for that programme, with
    that programme's figures and the roles: this programme loses its stays, its own figures, its link to the
    company and its participants' accounts here.
    """
    # Stays live in a higher app; reaching them through the reverse relation keeps the layers intact.
    stays = list(company.participations.filter(programme=programme))  # type: ignore[attr-defined]
    if company.programmes.exclude(pk=programme.pk).exists():
        link = Company.programmes.through.objects.filter(company=company, programme=programme)
        accounts = Membership.objects.filter(programme=programme, company=company)
        figures = company.observations.filter(programme=programme)  # type: ignore[attr-defined]
        return deletion_plan(company, stays, [*figures, *link, *accounts])
    return deletion_plan(company, stays, [company])


@transaction.atomic
def company_delete(*, actor: Any, programme: Programme, company: Company) -> AuditEntry:
    """Delete a company entered by mistake (see `company_delete_plan` for what goes with it); the audit
    entry keeps all of it, so the deletion can be undone."""
    if not company.programmes.filter(pk=programme.pk).exists():
        raise ValueError("the company belongs to another programme")
    return deletion_apply(
        actor=actor,
        action="companies.company.deleted",
        plan=company_delete_plan(programme=programme, company=company),
        programme_slug=programme.slug,
    )


PERSON_FIELDS = ("name", "email", "phone", "language")
COMPANY_ROLE_ERRORS: ConstraintErrors = {
    "companyrole_unique": ("role", _("This person already has this role at this company.")),
}


@transaction.atomic
def person_update(*, actor: Any, programme: Programme, person: Person, **fields: Any) -> dict[str, list[Any]]:
    """Correct a person's name, e-mail, phone or language; the audit entry lists the changes old -> new.

    The linked account (if any) keeps its own login e-mail: only its owner changes that, on the profile page."""
    return update_logged(
        person,
        fields=fields,
        editable=PERSON_FIELDS,
        constraint_errors={},
        actor=actor,
        action="companies.person.updated",
        programme_slug=programme.slug,
    )


@transaction.atomic
def company_person_add(
    *,
    actor: Any,
    programme: Programme,
    company: Company,
    role: str,
    name: str,
    email: str = "",
    phone: str = "",
) -> CompanyRole:
    """Add a founder or contact to a company.

    If the programme already knows a person with this e-mail address (`programme_people_q`), that person gets
    the role (so one person is one record across their company, events and mentorship); otherwise a new
    person is created. Someone known only to another programme is never reused: that would show their
    stored details to whoever typed the address."""
    email = email.strip()
    person = None
    if email:
        person = (
            Person.objects.filter(programme_people_q(programme), email__iexact=email).distinct().order_by("pk").first()
        )
    if person is None:
        person = Person(name=name.strip(), email=email, phone=phone.strip())
        person.full_clean()
        person.save()
        log_action(
            actor=actor,
            action="companies.person.created",
            obj=person,
            changes={f: [None, v] for f, v in snapshot(person, PERSON_FIELDS).items() if v},
            programme_slug=programme.slug,
        )
    company_role = CompanyRole(company=company, person=person, role=role)
    full_clean_per_field(company_role, COMPANY_ROLE_ERRORS)
    save_per_field(company_role, COMPANY_ROLE_ERRORS)
    log_action(
        actor=actor,
        action="companies.companyrole.created",
        obj=company_role,
        changes={"company": [None, company.name], "person": [None, person.name], "role": [None, role]},
        programme_slug=programme.slug,
    )
    return company_role


@transaction.atomic
def company_person_remove(*, actor: Any, programme: Programme, company_role: CompanyRole) -> None:
    """Take a person's role at a company away; the person stays (they may attend events or mentor)."""
    log_action(
        actor=actor,
        action="companies.companyrole.deleted",
        obj=company_role,
        changes={
            "company": [company_role.company.name, None],
            "person": [company_role.person.name, None],
            "role": [company_role.role, None],
        },
        programme_slug=programme.slug,
    )
    company_role.delete()
