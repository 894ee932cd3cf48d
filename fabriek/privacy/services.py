"""A person's rights as features: everything the programme holds about them, and erasure.

`person_export` gathers one JSON-ready document per request; `person_erase` replaces the person's name,
e-mail address and phone number everywhere (records, audit entries and the snapshots of deletions in them,
stored import files, any other text column) by `scrub.PLACEHOLDER`, and keeps the anonymous facts the
figures rest on: the person record stays (so an attendance still counts among the people reached and a
mentor among the mentors), as do companies and their figures.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fabriek.accounts.models import User
from fabriek.companies.models import CompanyRole, Person
from fabriek.core.audit import log_action
from fabriek.core.models import AuditEntry
from fabriek.events.models import Attendance
from fabriek.imports.models import ImportJob
from fabriek.intake.models import Application, Lead
from fabriek.mentoring.models import Mentor
from fabriek.privacy.scrub import PLACEHOLDER, Scrubber, scrub_tables
from fabriek.programmes.models import Programme


def _audit_about(*, programme: Programme, people: list[Person], accounts: list[User]) -> Q:
    """Audit entries of the programme about these people: their records, their attendances, mentorships and
    roles, their accounts, and what their accounts did."""
    person_ids = [p.pk for p in people]
    about = {
        "companies.person": person_ids,
        "events.attendance": list(Attendance.objects.filter(person__in=person_ids).values_list("pk", flat=True)),
        "mentoring.mentor": list(Mentor.objects.filter(person__in=person_ids).values_list("pk", flat=True)),
        "companies.companyrole": list(CompanyRole.objects.filter(person__in=person_ids).values_list("pk", flat=True)),
        "accounts.user": [u.pk for u in accounts],
    }
    query = Q(actor__in=accounts)
    # records deleted since (an attendance kept for an undo) are found by what their entries say
    for person in people:
        for value in (person.name, person.email):
            if value.strip():
                query |= Q(object_repr__icontains=value.strip())
    for object_type, ids in about.items():
        if ids:
            query |= Q(object_type=object_type, object_id__in=[str(i) for i in ids])
    return Q(programme_slug=programme.slug) & query


def person_export(
    *,
    actor: Any,
    programme: Programme,
    people: list[Person],
    accounts: list[User],
    leads: list[Lead] = (),  # type: ignore[assignment]
    applications: list[Application] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    """Everything the programme holds about a person (all their person records and accounts in it): roles
    in its companies, attendances at its events, mentorships, accounts, their leads and applications in
    intake, and the audit entries about them.
    The export itself is logged (`privacy.person.exported`), without the data."""
    person_ids = [p.pk for p in people]
    roles = CompanyRole.objects.filter(person__in=person_ids, company__programmes=programme).select_related("company")
    attendances = Attendance.objects.filter(person__in=person_ids, event__programme=programme).select_related("event")
    mentorships = Mentor.objects.filter(person__in=person_ids, programme=programme)
    entries = AuditEntry.objects.filter(_audit_about(programme=programme, people=people, accounts=accounts))
    document = {
        "programme": {"slug": programme.slug, "name": programme.name},
        "exported_at": timezone.now().isoformat(),
        "people": [
            {
                "id": p.pk,
                "name": p.name,
                "email": p.email,
                "phone": p.phone,
                "company_roles": [
                    {"company": r.company.name, "kvk_number": r.company.kvk_number, "role": r.role}
                    for r in roles
                    if r.person_id == p.pk
                ],
                "attendances": [
                    {
                        "event": a.event.title,
                        "kind": a.event.kind,
                        "starts_at": a.event.starts_at.isoformat(),
                        "checked_in": a.checked_in,
                    }
                    for a in attendances
                    if a.person_id == p.pk
                ],
                "mentorships": [
                    {
                        "active_from": m.active_from.isoformat(),
                        "active_until": m.active_until.isoformat() if m.active_until else None,
                        "expertise": m.expertise,
                    }
                    for m in mentorships
                    if m.person_id == p.pk
                ],
            }
            for p in people
        ],
        "accounts": [
            {
                "username": u.username,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "email": u.email,
                "date_joined": u.date_joined.isoformat(),
                "last_login": u.last_login.isoformat() if u.last_login else None,
                "roles": [m.role for m in u.memberships.all() if m.programme_id == programme.pk],
            }
            for u in accounts
        ],
        "leads": [
            {
                "name": lead.name,
                "email": lead.email,
                "phone": lead.phone,
                "company_name": lead.company_name,
                "source": lead.source,
                "status": lead.status,
                "notes": lead.notes,
                "created_at": lead.created_at.isoformat(),
            }
            for lead in leads
        ],
        "applications": [
            {
                "founder_name": a.founder_name,
                "founder_email": a.founder_email,
                "founder_phone": a.founder_phone,
                "company_name": a.company_name,
                "status": a.status,
                "activity": a.activity,
                "ambition": a.ambition,
                "business_model": a.business_model,
                "support_need": a.support_need,
            }
            for a in applications
        ],
        "audit_entries": [
            {
                "at": e.created_at.isoformat(),
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "object": e.object_repr,
                "changes": e.changes,
                "reason": e.reason,
                "by_them": e.actor_id in {u.pk for u in accounts},
            }
            for e in entries.order_by("created_at", "pk")
        ],
    }
    subject = next(iter([*people, *accounts, *leads, *applications]), None)
    if subject is not None:
        log_action(actor=actor, action="privacy.person.exported", obj=subject, programme_slug=programme.slug)
    return document


@transaction.atomic
def person_erase(
    *,
    actor: Any,
    programme: Programme,
    people: list[Person],
    accounts: list[User],
    reason: str,
    leads: list[Lead] = (),  # type: ignore[assignment]
    applications: list[Application] = (),  # type: ignore[assignment]
) -> AuditEntry:
    """Replace these people's name, e-mail address and phone number everywhere by the placeholder, and
    close their accounts in the programme; the records that figures count stay, anonymous.

    The erasure is logged (`privacy.person.erased`) with the reason, itself cleaned of the erased data, and
    the number of rows changed, never the data."""
    if not (people or accounts or leads or applications):
        raise ValueError("nobody to erase")
    scrubber = Scrubber(
        [value for p in people for value in (p.name, p.email, p.phone)]
        + [value for u in accounts for value in (u.email, u.get_full_name())]
        + [value for lead in leads for value in (lead.name, lead.email, lead.phone)]
        + [value for a in applications for value in (a.founder_name, a.founder_email, a.founder_phone)]
    )
    Person.objects.filter(pk__in=[p.pk for p in people]).update(name=PLACEHOLDER, email="", phone="")
    for user in accounts:
        user.username = f"erased-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["username", "first_name", "last_name", "email", "is_active", "password"])
    changed = scrub_tables(scrubber, skip=[Person, get_user_model()])
    files = 0
    for job in ImportJob.objects.exclude(content=b"").only("pk", "content"):
        content = bytes(job.content)
        cleaned = scrubber.file(content)
        if cleaned != content:
            ImportJob.objects.filter(pk=job.pk).update(content=cleaned)
            files += 1
    subject: Any = next(iter([*people, *accounts, *leads, *applications]))
    subject.refresh_from_db()
    return log_action(
        actor=actor,
        action="privacy.person.erased",
        obj=subject,
        programme_slug=programme.slug,
        reason=scrubber.text(reason.strip()),
        changes={
            "people": [None, len(people)],
            "accounts": [None, len(accounts)],
            "intake": [None, len(leads) + len(applications)],
            "rows": [None, sum(changed.values())],
            "files": [None, files],
        },
    )
