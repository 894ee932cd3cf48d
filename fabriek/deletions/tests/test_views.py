"""The confirm pages, the page of deletions and its undo button, as staff use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from fabriek.accounts.models import Role
from fabriek.companies.models import Company
from fabriek.core.models import AuditEntry
from fabriek.events.models import Attendance, Event
from fabriek.metrics.models import Observation
from fabriek.metrics.services import observation_delete
from fabriek.metrics.tests.factories import ObservationFactory
from fabriek.participation.models import Participation
from fabriek.participation.services import participation_delete
from fabriek.participation.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def test_the_confirm_page_says_what_goes_with_a_company_and_deletes_nothing(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    url = reverse("companies:company-delete", kwargs={"programme": "ofd", "pk": company.pk})
    response = staff_client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<strong>1</strong> participation" in text
    assert "<strong>1</strong> observation" in text
    assert "<strong>1</strong> membership" in text
    assert Company.objects.filter(pk=company.pk).exists()


def test_posting_the_confirm_form_deletes_and_says_how_to_undo(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    url = reverse("events:event-delete", kwargs={"programme": "ofd", "pk": event.pk})
    response = staff_client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("events:event-list", kwargs={"programme": "ofd"})
    assert "You can undo this for 30 days" in response.content.decode()
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not Attendance.objects.filter(pk=world.ofd.attendance.pk).exists()
    entry = AuditEntry.objects.get(action="events.event.deleted")
    assert (entry.actor, entry.programme_slug, entry.object_id) == (world.users[Role.STAFF], "ofd", str(event.pk))


@pytest.mark.parametrize(
    ("name", "kwargs", "gone"),
    [
        ("metrics:observation-delete", lambda p: {"company": p.company.pk, "pk": p.observation.pk}, "observation"),
        ("events:attendance-delete", lambda p: {"event": p.event.pk, "pk": p.attendance.pk}, "attendance"),
        ("participation:participation-delete", lambda p: {"pk": p.participation.pk}, "participation"),
    ],
)
def test_each_confirm_page_deletes_its_record(staff_client, world, name, kwargs, gone) -> None:  # type: ignore[no-untyped-def]
    url = reverse(name, kwargs={"programme": "ofd", **kwargs(world.ofd)})
    assert staff_client.get(url).status_code == 200
    assert staff_client.post(url).status_code == 302
    record = getattr(world.ofd, gone)
    assert not type(record).objects.filter(pk=record.pk).exists()


def test_a_location_manager_cannot_delete(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    url = reverse("participation:participation-delete", kwargs={"programme": "ofd", "pk": world.ofd.participation.pk})
    assert client.post(url).status_code == 403
    assert Participation.objects.filter(pk=world.ofd.participation.pk).exists()


def test_staff_undo_a_deletion_from_the_page_of_deletions(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    observation = world.ofd.observation
    entry = observation_delete(actor=world.users[Role.STAFF], programme=world.ofd.programme, observation=observation)
    page = staff_client.get(reverse("deletions:deletion-list", kwargs={"programme": "ofd"})).content.decode()
    assert str(observation) in page
    response = staff_client.post(
        reverse("deletions:deletion-undo", kwargs={"programme": "ofd", "pk": entry.pk}), follow=True
    )
    assert f"{observation} restored." in response.content.decode()
    assert "Undone on" in response.content.decode()
    assert Observation.objects.filter(pk=observation.pk).exists()


def test_an_undo_that_conflicts_says_why_and_restores_nothing(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    ofd = world.ofd
    entry = participation_delete(
        actor=world.users[Role.STAFF], programme=ofd.programme, participation=ofd.participation
    )
    ParticipationFactory(
        programme=ofd.programme,
        company=ofd.company,
        location=ofd.location,
        package=ofd.package,
        started_on=datetime.date(2016, 6, 1),
    )
    response = staff_client.post(
        reverse("deletions:deletion-undo", kwargs={"programme": "ofd", "pk": entry.pk}), follow=True
    )
    text = response.content.decode()
    assert "cannot be restored" in text and "stays may not overlap" in text
    assert not Participation.objects.filter(pk=ofd.participation.pk).exists()


def test_another_programmes_deletion_cannot_be_undone_from_here(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    other = world.other
    entry = observation_delete(actor=None, programme=other.programme, observation=other.observation)
    url = reverse("deletions:deletion-undo", kwargs={"programme": "ofd", "pk": entry.pk})
    assert staff_client.post(url).status_code == 404
    assert not Observation.objects.filter(pk=other.observation.pk).exists()
    page = staff_client.get(reverse("deletions:deletion-list", kwargs={"programme": "ofd"})).content.decode()
    assert str(other.observation) not in page


def test_the_page_of_deletions_runs_a_bounded_number_of_queries(
    staff_client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    staff = world.users[Role.STAFF]
    for day in range(1, 21):
        observation = ObservationFactory(company=world.ofd.company, observed_on=datetime.date(2018, 1, day))
        observation_delete(actor=staff, programme=world.ofd.programme, observation=observation)
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse("deletions:deletion-list", kwargs={"programme": "ofd"}))
    assert response.content.decode().count("/undo/") == 20
