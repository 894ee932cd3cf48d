"""Personas and a small world of two programmes, shared by the whole test suite.

`world` builds, for programme "ofd" and for a second programme "other", one of each record, and in "ofd"
a user for every role. Tests that check isolation use the "other" records, which no "ofd" member may see.
"""

import datetime
import email
import email.policy
import socket
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from fabriek.accounts.models import Role
from fabriek.accounts.tests.factories import MembershipFactory, UserFactory
from fabriek.companies.tests.factories import CompanyRoleFactory
from fabriek.events.tests.factories import AttendanceFactory, EventFactory
from fabriek.imports.tests.factories import ImportJobFactory
from fabriek.intake.models import LeadSource
from fabriek.intake.tests.factories import ApplicationFactory, LeadFactory
from fabriek.mail.models import OutboxMessage
from fabriek.mentoring.tests.factories import MentorFactory, MentoringSessionFactory, MentorMatchFactory
from fabriek.metrics.tests.factories import ObservationFactory
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.partners.models import Referral
from fabriek.partners.tests.factories import AgreementFactory
from fabriek.programmes.models import Location, ServicePackage
from fabriek.programmes.tests.factories import (
    LocationFactory,
    PlanPeriodFactory,
    ProgrammeFactory,
    ServicePackageFactory,
)

ROLES = [role.value for role in Role]


def build_programme(slug: str, name: str) -> SimpleNamespace:
    programme = ProgrammeFactory(slug=slug, name=name)
    plan = PlanPeriodFactory(programme=programme)
    location = LocationFactory(programme=programme, name=f"{name} Assen")
    other_location = LocationFactory(
        programme=programme, name=f"{name} Roden", kind=Location.Kind.REPRESENTATION, status=Location.Status.EXPLORING
    )
    package = ServicePackageFactory(programme=programme, kind=ServicePackage.Kind.FULLTIME)
    participation = ParticipationFactory(
        programme=programme, location=location, package=package, started_on=datetime.date(2016, 3, 1)
    )
    company = participation.company
    company_role = CompanyRoleFactory(company=company)
    observation = ObservationFactory(company=company, observed_on=datetime.date(2016, 3, 1), employees=2)
    agreement = AgreementFactory(programme=programme)
    mentor = MentorFactory(programme=programme)
    mentor_match = MentorMatchFactory(mentor=mentor, company=company)
    mentor_session = MentoringSessionFactory(match=mentor_match)
    event = EventFactory(programme=programme, location=location)
    attendance = AttendanceFactory(event=event)
    import_job = ImportJobFactory(programme=programme)
    lead = LeadFactory(programme=programme, source=LeadSource.PARTNER, partner=agreement.partner)
    application = ApplicationFactory(programme=programme)
    referral = Referral.objects.create(
        programme=programme,
        partner=agreement.partner,
        company=company,
        purpose=Referral.Purpose.FINANCING,
        referred_on=datetime.date(2017, 3, 1),
    )
    outbox_message = OutboxMessage.objects.create(
        programme=programme,
        from_email="fabriek@localhost",
        recipients=["someone@example.org"],
        to_display="someone@example.org",
        subject="Welcome",
        next_attempt_at=timezone.now(),
    )
    return SimpleNamespace(
        programme=programme,
        plan=plan,
        location=location,
        other_location=other_location,
        package=package,
        participation=participation,
        company=company,
        company_role=company_role,
        founder=company_role.person,
        observation=observation,
        agreement=agreement,
        partner=agreement.partner,
        mentor=mentor,
        mentor_match=mentor_match,
        mentor_session=mentor_session,
        event=event,
        attendance=attendance,
        import_job=import_job,
        lead=lead,
        application=application,
        referral=referral,
        outbox_message=outbox_message,
    )


@pytest.fixture
def world(db) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    ofd = build_programme("ofd", "OndernemersFabriek Drenthe")
    other = build_programme("other", "Other Programme")
    users = {}
    for role in ROLES:
        scope = {
            Role.LOCATION_MANAGER: {"location": ofd.location},
            Role.PARTICIPANT: {"company": ofd.company},
            Role.PARTNER: {"partner": ofd.partner},
        }.get(role, {})
        users[role] = MembershipFactory(
            user=UserFactory(username=role), programme=ofd.programme, role=role, **scope
        ).user
    # The mentor persona is the person behind the programme's mentor record (matched by e-mail).
    ofd.mentor.person.email = users[Role.MENTOR].email
    ofd.mentor.person.save()
    users["other_staff"] = MembershipFactory(
        user=UserFactory(username="other_staff"), programme=other.programme, role=Role.STAFF
    ).user
    users["superuser"] = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return SimpleNamespace(ofd=ofd, other=other, users=users)


@pytest.fixture
def staff_client(client, world):  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    # A real hasher costs ~0.3 s a user; the world fixture makes nine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """The schemathesis run (marker `fuzz`, minutes long) is its own step of `make test`; any other run
    leaves it out, reported as deselected, unless `-m` names it."""
    if "fuzz" in (config.getoption("markexpr") or ""):
        return
    fuzz = [item for item in items if item.get_closest_marker("fuzz")]
    if fuzz:
        config.hook.pytest_deselected(items=fuzz)
        items[:] = [item for item in items if not item.get_closest_marker("fuzz")]


class SmtpCollector:
    """An aiosmtpd handler that keeps every message it accepts; `refuse` makes it answer DATA with an error."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.refuse: list[str] = []  # replies for the next DATA commands, e.g. "451 4.3.0 try again later"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return self.refuse.pop(0)
        self.messages.append(
            SimpleNamespace(
                sender=envelope.mail_from,
                recipients=list(envelope.rcpt_tos),
                message=email.message_from_bytes(envelope.content, policy=email.policy.default),
            )
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpCollector]:
    """A real SMTP server (aiosmtpd) on a free loopback port; mail goes through the outbox to it."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = SmtpCollector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "fabriek.mail.backends.OutboxBackend"
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    try:
        yield handler
    finally:
        controller.stop()
