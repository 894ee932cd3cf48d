"""Deleting each kind of record and undoing it: the figures change at once and come back exactly."""

import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

from fabriek.accounts.models import Membership, Role
from fabriek.accounts.tests.factories import MembershipFactory, UserFactory
from fabriek.companies.models import Company, CompanyRole
from fabriek.companies.services import company_delete, company_delete_plan
from fabriek.companies.tests.factories import PersonFactory
from fabriek.core.deletion import RestoreConflict, deletion_undo, row_snapshot
from fabriek.core.models import AuditEntry
from fabriek.events.models import Attendance, Event
from fabriek.events.services import attendance_delete, event_delete
from fabriek.metrics.models import Observation
from fabriek.metrics.services import observation_delete
from fabriek.metrics.tests.factories import ObservationFactory
from fabriek.participation.models import Participation
from fabriek.participation.services import participation_delete
from fabriek.participation.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


REPORTS = [
    ["inflow-outflow", "--on", "2017-05-31"],
    ["inflow-outflow", "--on", "2017-05-31", "--format", "csv", "--companies", "--coverage"],
    ["jobs-created", "--from", "2016-01-01", "--to", "2018-12-31"],
    ["jobs-created", "--from", "2016-01-01", "--to", "2018-12-31", "--format", "csv", "--companies"],
    ["indicators", "--from", "2016-01-01", "--to", "2018-12-31"],
]


def figures(slug: str = "ofd") -> list[str]:
    """Every report of the programme, as the command prints it."""
    printed = []
    for args in REPORTS:
        out = StringIO()
        call_command("report", "--programme", slug, *args, stdout=out)
        printed.append(out.getvalue())
    return printed


@pytest.fixture
def ofd(world) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    """The test world's programme, with figures that the deletions below change: a company that grew from
    2 to 5 employees during its stay, with a founder and a participant account, and a checked-in visitor."""
    ofd = world.ofd
    ofd.later_observation = ObservationFactory(company=ofd.company, observed_on=datetime.date(2017, 3, 1), employees=5)
    CompanyRole.objects.create(company=ofd.company, person=PersonFactory(), role=CompanyRole.Role.FOUNDER)
    ofd.staff = world.users[Role.STAFF]
    return ofd


def assert_restored_exactly(entry: AuditEntry) -> None:
    """Every deleted row is back, with its old id and the same values."""
    entry.refresh_from_db()
    for item in entry.snapshot["rows"]:
        model = apps.get_model(item["model"])
        assert row_snapshot(model._base_manager.get(pk=item["pk"])) == item


def test_deleting_figures_changes_the_reports_and_undo_restores_them(ofd) -> None:  # type: ignore[no-untyped-def]
    before = figures()
    entry = observation_delete(actor=ofd.staff, programme=ofd.programme, observation=ofd.later_observation)
    assert not Observation.objects.filter(pk=ofd.later_observation.pk).exists()
    assert figures() != before  # the 3 jobs created are gone
    assert entry.action == "metrics.observation.deleted"
    deletion_undo(actor=ofd.staff, entry=entry)
    assert_restored_exactly(entry)
    assert figures() == before


def test_deleting_an_attendance_and_undoing_it(ofd) -> None:  # type: ignore[no-untyped-def]
    before = figures()
    entry = attendance_delete(actor=ofd.staff, programme=ofd.programme, attendance=ofd.attendance)
    assert figures() != before  # one person fewer reached
    assert ofd.attendance.person.__class__.objects.filter(pk=ofd.attendance.person_id).exists()  # the person stays
    deletion_undo(actor=ofd.staff, entry=entry)
    assert_restored_exactly(entry)
    assert figures() == before


def test_deleting_an_event_takes_its_attendances_and_partner_links(ofd) -> None:  # type: ignore[no-untyped-def]
    ofd.event.partners.add(ofd.partner)
    second = Attendance.objects.create(event=ofd.event, person=PersonFactory(), checked_in=False)
    before = figures()
    entry = event_delete(actor=ofd.staff, programme=ofd.programme, event=ofd.event)
    assert entry.snapshot["counts"] == [["events.attendance", 2]]
    assert not Attendance.objects.filter(pk__in=[ofd.attendance.pk, second.pk]).exists()
    assert figures() != before
    deletion_undo(actor=ofd.staff, entry=entry)
    assert_restored_exactly(entry)
    assert list(Event.objects.get(pk=ofd.event.pk).partners.all()) == [ofd.partner]
    assert figures() == before


def test_deleting_a_stay_and_undoing_it(ofd) -> None:  # type: ignore[no-untyped-def]
    before = figures()
    entry = participation_delete(actor=ofd.staff, programme=ofd.programme, participation=ofd.participation)
    assert entry.snapshot["counts"] == []
    assert figures() != before
    deletion_undo(actor=ofd.staff, entry=entry)
    assert_restored_exactly(entry)
    assert figures() == before


def test_deleting_a_company_takes_its_stays_figures_roles_and_accounts(ofd) -> None:  # type: ignore[no-untyped-def]
    plan = company_delete_plan(programme=ofd.programme, company=ofd.company)
    assert sorted(plan.count_labels()) == [
        ("accounts.membership", 1),  # the participant persona's account
        ("companies.companyrole", 2),  # the world's founder and this test's
        ("mentoring.mentoringsession", 1),  # and has logged a session with it
        ("mentoring.mentormatch", 1),  # the world's mentor coaches the company
        ("metrics.observation", 2),
        ("participation.participation", 1),
        ("partners.referral", 1),  # a model added later is taken along without a change to the engine
    ]
    before = figures()
    entry = company_delete(actor=ofd.staff, programme=ofd.programme, company=ofd.company)
    assert not Company.objects.filter(pk=ofd.company.pk).exists()
    assert not Observation.objects.filter(company_id=ofd.company.pk).exists()
    assert not Membership.objects.filter(company_id=ofd.company.pk).exists()
    assert figures() != before
    deletion_undo(actor=ofd.staff, entry=entry)
    assert_restored_exactly(entry)
    assert list(Company.objects.get(pk=ofd.company.pk).programmes.all()) == [ofd.programme]
    assert figures() == before


def test_a_company_another_programme_also_holds_keeps_its_figures_there(world, ofd) -> None:  # type: ignore[no-untyped-def]
    other = world.other
    ParticipationFactory(programme=other.programme, company=ofd.company, location=other.location, package=other.package)
    theirs = ObservationFactory(company=ofd.company, programme=other.programme, observed_on=datetime.date(2017, 5, 1))
    other_before = figures("other")
    plan = company_delete_plan(programme=ofd.programme, company=ofd.company)
    # only what is this programme's: its stay, its own two figures and the participant account; the other
    # programme's figure and the roles stay
    assert sorted(plan.count_labels()) == [
        ("accounts.membership", 1),
        ("metrics.observation", 2),
        ("participation.participation", 1),
    ]
    before = figures()
    entry = company_delete(actor=ofd.staff, programme=ofd.programme, company=ofd.company)
    company = Company.objects.get(pk=ofd.company.pk)
    assert list(company.programmes.all()) == [other.programme]
    assert list(company.observations.all()) == [theirs]
    assert figures("other") == other_before
    deletion_undo(actor=ofd.staff, entry=entry)
    assert set(company.programmes.all()) == {ofd.programme, other.programme}
    assert figures() == before
    assert figures("other") == other_before


def test_an_undo_that_would_overlap_a_stay_entered_since_is_refused(ofd) -> None:  # type: ignore[no-untyped-def]
    entry = participation_delete(actor=ofd.staff, programme=ofd.programme, participation=ofd.participation)
    newer = ParticipationFactory(
        programme=ofd.programme,
        company=ofd.company,
        location=ofd.location,
        package=ofd.package,
        started_on=datetime.date(2018, 1, 1),
    )
    with pytest.raises(RestoreConflict, match="stays may not overlap"):
        deletion_undo(actor=ofd.staff, entry=entry)
    assert list(Participation.objects.filter(company=ofd.company)) == [newer]
    assert not AuditEntry.objects.filter(undoes=entry).exists()


def test_an_undo_whose_parent_was_deleted_since_is_refused(ofd) -> None:  # type: ignore[no-untyped-def]
    entry = attendance_delete(actor=ofd.staff, programme=ofd.programme, attendance=ofd.attendance)
    event_delete(actor=ofd.staff, programme=ofd.programme, event=ofd.event)
    with pytest.raises(RestoreConflict, match=r"What it belonged to \(event\) has been deleted since"):
        deletion_undo(actor=ofd.staff, entry=entry)
    assert not Attendance.objects.filter(pk=ofd.attendance.pk).exists()


def test_an_undo_of_figures_entered_again_since_is_refused(ofd) -> None:  # type: ignore[no-untyped-def]
    observation = ofd.later_observation
    entry = observation_delete(actor=ofd.staff, programme=ofd.programme, observation=observation)
    ObservationFactory(company=ofd.company, observed_on=observation.observed_on, source=observation.source)
    with pytest.raises(RestoreConflict):
        deletion_undo(actor=ofd.staff, entry=entry)
    assert Observation.objects.filter(company=ofd.company, observed_on=observation.observed_on).count() == 1


def test_a_deletion_is_undone_once(ofd) -> None:  # type: ignore[no-untyped-def]
    entry = observation_delete(actor=ofd.staff, programme=ofd.programme, observation=ofd.later_observation)
    restored = deletion_undo(actor=ofd.staff, entry=entry)
    assert restored is not None and restored.pk == ofd.later_observation.pk
    with pytest.raises(RestoreConflict, match="already been undone"):
        deletion_undo(actor=ofd.staff, entry=entry)
    assert Observation.objects.filter(company=ofd.company).count() == 2
    undo = AuditEntry.objects.get(undoes=entry)
    assert (undo.action, undo.actor, undo.object_id) == ("metrics.observation.restored", ofd.staff, entry.object_id)


def test_an_undo_after_30_days_is_refused(ofd) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC), tick=False):
        entry = observation_delete(actor=ofd.staff, programme=ofd.programme, observation=ofd.later_observation)
    with (
        time_machine.travel(datetime.datetime(2026, 12, 1, 12, 1, tzinfo=datetime.UTC), tick=False),
        pytest.raises(RestoreConflict, match="30 days"),
    ):
        deletion_undo(actor=ofd.staff, entry=entry)
    assert not Observation.objects.filter(pk=ofd.later_observation.pk).exists()
    # on the 30th day it still works
    with time_machine.travel(datetime.datetime(2026, 12, 1, 11, 59, tzinfo=datetime.UTC), tick=False):
        deletion_undo(actor=ofd.staff, entry=entry)
    assert Observation.objects.filter(pk=ofd.later_observation.pk).exists()


def test_a_participant_account_comes_back_with_its_company(world, ofd) -> None:  # type: ignore[no-untyped-def]
    account = MembershipFactory(
        user=UserFactory(username="second"), programme=ofd.programme, role=Role.PARTICIPANT, company=ofd.company
    )
    entry = company_delete(actor=ofd.staff, programme=ofd.programme, company=ofd.company)
    assert not Membership.objects.filter(pk=account.pk).exists()
    deletion_undo(actor=ofd.staff, entry=entry)
    assert Membership.objects.get(pk=account.pk).company_id == ofd.company.pk
