"""Writes the demo: the OFD from `seed` and, unless asked not to, the synthetic history from `history`.

This is seed data, not a user's action, so it is written with the plain ORM (bulk inserts for the history)
inside one transaction, with field validation on every history row and the database's own constraints as
the last word; one audit entry `demo.data.loaded` records that it happened.

Idempotent: every reference record is looked up by its natural key and created only when missing, and
existing records (and passwords) are never changed. The history is written only into a programme that has
no participations yet; a programme that already has some (an earlier demo, or imported records) keeps
what it has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from fabriek.accounts.models import Membership, Role, User
from fabriek.companies.models import Company, CompanyRole, Person
from fabriek.core.audit import log_action
from fabriek.demo import seed
from fabriek.demo.delivery import load_delivery
from fabriek.demo.history import History, build_history
from fabriek.demo.intake import load_intake
from fabriek.demo.mentoring import AVAILABILITY, DEMO_CAPACITY, load_mentoring
from fabriek.demo.spaces import load_spaces
from fabriek.demo.surveys import load_surveys
from fabriek.events.models import Attendance, Event
from fabriek.mentoring.expertise import normalise_expertise
from fabriek.mentoring.models import MatchStatus, Mentor, MentorMatch
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.partners.models import Agreement, Partner
from fabriek.programmes.figures import figures_changed
from fabriek.programmes.models import BudgetLine, Location, PlanPeriod, Programme, ServicePackage, Target


class DemoError(Exception):
    """The demo cannot be loaded into this database as it is (the message says why)."""


@dataclass
class Login:
    username: str
    role: str
    scope: str


@dataclass
class LoadResult:
    programme: Programme
    #: how many records of each model were created, by model label ("programmes.Location")
    created: Counter[str] = field(default_factory=Counter)
    history: str = ""  # "loaded", "present", "skipped" (programme already had records) or "not requested"
    logins: list[Login] = field(default_factory=list)


def load_demo(*, with_history: bool = True) -> LoadResult:
    """Load the OFD demo; safe to run any number of times."""
    with transaction.atomic():
        programme, created = Programme.objects.get_or_create(
            slug=seed.PROGRAMME_SLUG, defaults={"name": seed.PROGRAMME_NAME}
        )
        result = LoadResult(programme=programme)
        result.created[Programme._meta.label] += created
        _plan(result)
        _locations_and_packages(result)
        _partners(result)
        _mentors(result)
        if with_history:
            _history(result)
        else:
            result.history = "not requested"
        _users(result)
        load_intake(programme, result.created)
        load_spaces(programme, result.created)
        load_surveys(programme, result.created)
        if with_history:  # upcoming events and the Starters Academy series; the bare demo has no events
            load_delivery(programme, result.created)
        _link_accounts_and_mentees(result)
        load_mentoring(programme, result.created)
        if sum(result.created.values()):
            # parts of the demo are written in bulk, which sends no signals (see `reporting.watch`)
            figures_changed(programme_ids=[programme.pk])
            log_action(
                actor=None,
                action="demo.data.loaded",
                obj=programme,
                changes={"created": dict(sorted(result.created.items())), "history": result.history},
                programme_slug=programme.slug,
            )
    return result


def _plan(result: LoadResult) -> None:
    plan, created = PlanPeriod.objects.get_or_create(
        programme=result.programme,
        name=seed.PLAN_PERIOD_NAME,
        defaults={"starts_on": seed.PLAN_PERIOD_STARTS_ON, "ends_on": seed.PLAN_PERIOD_ENDS_ON},
    )
    result.created[PlanPeriod._meta.label] += created
    for indicator, value in seed.TARGETS.items():
        _, created = Target.objects.get_or_create(plan_period=plan, indicator=indicator, defaults={"value": value})
        result.created[Target._meta.label] += created
    for year, name, cents in seed.budget_lines():
        _, created = BudgetLine.objects.get_or_create(
            plan_period=plan, year=year, name=name, defaults={"amount_cents": cents}
        )
        result.created[BudgetLine._meta.label] += created
    for name, starts_on, ends_on, targets, euros in seed.LATER_PLAN_PERIODS:
        plan, created = PlanPeriod.objects.get_or_create(
            programme=result.programme, name=name, defaults={"starts_on": starts_on, "ends_on": ends_on}
        )
        result.created[PlanPeriod._meta.label] += created
        for indicator, value in targets.items():
            _, created = Target.objects.get_or_create(plan_period=plan, indicator=indicator, defaults={"value": value})
            result.created[Target._meta.label] += created
        for year in range(starts_on.year, ends_on.year + 1):
            _, created = BudgetLine.objects.get_or_create(
                plan_period=plan, year=year, name=seed.LATER_BUDGET_LINE, defaults={"amount_cents": euros * 100}
            )
            result.created[BudgetLine._meta.label] += created


def _locations_and_packages(result: LoadResult) -> None:
    for loc in seed.LOCATIONS:
        location = Location.objects.filter(programme=result.programme, name=loc.name).first()
        if location is None:
            location = Location(
                programme=result.programme,
                name=loc.name,
                kind=loc.kind,
                status=loc.status,
                opened_on=loc.opened_on,
                address=loc.address,
                municipality_code=loc.municipality_code,
                desk_capacity=loc.desk_capacity,
            )
            location.full_clean()
            location.save()
            result.created[Location._meta.label] += 1
    for kind, name, cents, workspace in seed.PACKAGES:
        _, created = ServicePackage.objects.get_or_create(
            programme=result.programme,
            kind=kind,
            defaults={"name": name, "monthly_price_cents": cents, "includes_workspace": workspace},
        )
        result.created[ServicePackage._meta.label] += created


def _partners(result: LoadResult) -> None:
    programme = result.programme
    for name, kind, started_on, ended_on in seed.PARTNERS:
        partner = Partner.objects.filter(name=name).order_by("id").first()
        if partner is None:
            partner = Partner.objects.create(name=name, kind=kind)
            result.created[Partner._meta.label] += 1
        if not partner.programmes.filter(pk=programme.pk).exists():
            partner.programmes.add(programme)
        if started_on is not None:
            _, created = Agreement.objects.get_or_create(
                partner=partner, programme=programme, started_on=started_on, defaults={"ended_on": ended_on}
            )
            result.created[Agreement._meta.label] += created


def _mentors(result: LoadResult) -> None:
    for name, expertise, active_from, active_until in seed.MENTORS:
        if Mentor.objects.filter(programme=result.programme, person__name=name, active_from=active_from).exists():
            continue
        person = Person.objects.create(name=name, email=_email(name))
        result.created[Person._meta.label] += 1
        Mentor.objects.create(
            person=person,
            programme=result.programme,
            expertise=normalise_expertise(expertise),
            availability=AVAILABILITY[len(name) % len(AVAILABILITY)],
            capacity=DEMO_CAPACITY,
            active_from=active_from,
            active_until=active_until,
        )
        result.created[Mentor._meta.label] += 1


def _email(name: str) -> str:
    first, _, last = name.partition(" ")
    return f"{first}.{last.replace(' ', '')}@example.org".lower()


def _history(result: LoadResult) -> None:
    programme = result.programme
    history = build_history()
    kvk_numbers = [c.kvk_number for c in history.companies]
    if Participation.objects.filter(programme=programme).exists():
        ours = Company.objects.filter(kvk_number__in=kvk_numbers, participations__programme=programme).distinct()
        # A demo loaded on an earlier day holds fewer companies than today's history: still the demo.
        result.history = "present" if ours.exists() else "skipped"
        return
    taken = sorted(Company.objects.filter(kvk_number__in=kvk_numbers).values_list("kvk_number", flat=True))
    if taken:
        raise DemoError(f"these KvK numbers of the demo history are already in use: {', '.join(taken[:10])}")
    _write_history(result, history)
    result.history = "loaded"


def _write_history(result: LoadResult, history: History) -> None:
    programme = result.programme
    locations = {loc.name: loc for loc in Location.objects.filter(programme=programme)}
    packages = {p.kind: p for p in ServicePackage.objects.filter(programme=programme)}
    partners = {p.name: p for p in Partner.objects.filter(programmes=programme)}

    people = [Person(name=p.name, email=p.email) for p in history.people]
    for person in people:
        person.full_clean(validate_unique=False, validate_constraints=False)
    people = Person.objects.bulk_create(people)

    companies = [
        Company(
            kvk_number=c.kvk_number,
            name=c.name,
            founded_on=c.founded_on,
            postcode=c.postcode,
            municipality_code=c.municipality_code,
            sbi_code=c.sbi_code,
        )
        for c in history.companies
    ]
    for company in companies:
        company.full_clean(validate_unique=False, validate_constraints=False)
    companies = Company.objects.bulk_create(companies)
    Company.programmes.through.objects.bulk_create(
        [Company.programmes.through(company_id=c.pk, programme_id=programme.pk) for c in companies]
    )

    roles: list[CompanyRole] = []
    stays: list[Participation] = []
    observations: list[Observation] = []
    for company, plan in zip(companies, history.companies, strict=True):
        roles += [
            CompanyRole(company=company, person=people[key], role=CompanyRole.Role.FOUNDER) for key in plan.founders
        ]
        stays += [
            Participation(
                company=company,
                programme=programme,
                location=locations[s.location],
                package=packages[s.package],
                started_on=s.started_on,
                ended_on=s.ended_on,
                outflow_status=s.outflow_status,
            )
            for s in plan.stays
        ]
        observations += [
            Observation(
                company=company,
                programme=programme,
                observed_on=o.observed_on,
                employees=o.employees,
                interns=o.interns,
                fte=o.fte,
                revenue_cents=o.revenue_cents,
                source=o.source,
            )
            for o in plan.observations
        ]
    for row in (*stays, *observations):
        row.full_clean(validate_unique=False, validate_constraints=False)
    CompanyRole.objects.bulk_create(roles)
    Participation.objects.bulk_create(stays)
    Observation.objects.bulk_create(observations)

    events = [
        Event(
            programme=programme,
            title=e.title,
            kind=e.kind,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            location=locations[e.location] if e.location else None,
        )
        for e in history.events
    ]
    for event in events:
        event.full_clean(validate_unique=False, validate_constraints=False)
    events = Event.objects.bulk_create(events)
    Event.partners.through.objects.bulk_create(
        [
            Event.partners.through(event_id=event.pk, partner_id=partners[seed.PARTNER_ALIASES.get(name, name)].pk)
            for event, plan in zip(events, history.events, strict=True)
            for name in plan.partners
        ]
    )
    attendances = Attendance.objects.bulk_create(
        [
            Attendance(event=event, person=people[key], checked_in=checked_in)
            for event, plan in zip(events, history.events, strict=True)
            for key, checked_in in plan.attendees
        ]
    )
    result.created.update(
        {
            Company._meta.label: len(companies),
            Person._meta.label: len(people),
            CompanyRole._meta.label: len(roles),
            Participation._meta.label: len(stays),
            Observation._meta.label: len(observations),
            Event._meta.label: len(events),
            Attendance._meta.label: len(attendances),
        }
    )


def participant_company(programme: Programme) -> Company | None:
    """The company the demo participant belongs to: the first of the history still at Assen at its end."""
    for plan in build_history().companies:
        last = plan.stays[-1]
        if last.location == "Assen" and last.ended_on is None:
            return Company.objects.filter(kvk_number=plan.kvk_number, participations__programme=programme).first()
    return None


#: How many current participants the demo mentor coaches, so their home shows mentees.
DEMO_MENTEES = 3


def _link_accounts_and_mentees(result: LoadResult) -> None:
    """Link the demo participant and mentor accounts to their person records, and give the demo mentor a few
    mentees among the current participants."""
    programme = result.programme
    for membership in Membership.objects.filter(programme=programme).select_related("user", "company"):
        user = membership.user
        if hasattr(user, "person"):
            continue
        person = None
        if membership.role == Role.PARTICIPANT and membership.company is not None:
            person = (
                Person.objects.filter(company_roles__company=membership.company, user__isnull=True)
                .order_by("id")
                .first()
            )
        elif membership.role == Role.MENTOR and user.email:
            person = (
                Person.objects.filter(mentorships__programme=programme, email__iexact=user.email).order_by("id").first()
            )
        if person is not None and person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
    mentor = (
        Mentor.objects.filter(programme=programme, person__user__username="mentor").order_by("-active_from").first()
    )
    if mentor is None or mentor.matches.exists():
        return
    stays = (
        Participation.objects.filter(programme=programme, ended_on__isnull=True)
        .select_related("company")
        .order_by("company__name", "pk")[:DEMO_MENTEES]
    )
    for stay in stays:
        MentorMatch.objects.create(
            mentor=mentor,
            company=stay.company,
            started_on=max(stay.started_on, mentor.active_from),
            status=MatchStatus.ACCEPTED,
        )
        result.created[MentorMatch._meta.label] += 1


def _users(result: LoadResult) -> None:
    programme = result.programme
    for spec in seed.USERS:
        scope: dict[str, Any] = {}
        shown_scope = spec.scope
        if spec.role == Role.LOCATION_MANAGER:
            scope["location"] = Location.objects.get(programme=programme, name=spec.scope)
        elif spec.role == Role.PARTNER:
            scope["partner"] = Partner.objects.filter(name=spec.scope).order_by("id").first()
        elif spec.role == Role.PARTICIPANT:
            company = participant_company(programme)
            if company is None:
                continue  # no history (yet): the participant account comes with it
            scope["company"] = company
            shown_scope = company.name
        first_name, last_name = spec.first_name, spec.last_name
        if spec.role == Role.PARTICIPANT:
            founder = Person.objects.filter(company_roles__company=scope["company"]).order_by("id").first()
            if founder is not None:
                first_name, _, last_name = founder.name.partition(" ")
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(
                username=spec.username,
                first_name=first_name,
                last_name=last_name,
                # the mentor account is the mentor Albert Nijhuis: mentors are matched to accounts by e-mail
                email=_email(f"{first_name} {last_name}")
                if spec.role == Role.MENTOR
                else f"{spec.username}@example.org",
                is_superuser=spec.role == "superuser",
                is_staff=spec.role == "superuser",
            )
            user.set_password(seed.DEMO_PASSWORD)
            user.save()
            result.created[User._meta.label] += 1
        if spec.role != "superuser":
            _, created = Membership.objects.get_or_create(
                user=user, programme=programme, defaults={"role": spec.role, **scope}
            )
            result.created[Membership._meta.label] += created
        result.logins.append(Login(username=spec.username, role=spec.role, scope=shown_scope))
