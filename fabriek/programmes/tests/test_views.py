import datetime

import pytest
import time_machine
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.core.models import AuditEntry
from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.models import Location
from fabriek.programmes.tests.factories import LocationFactory

ROLES = [role.value for role in Role]
NOT_STAFF = [role for role in ROLES if role != Role.STAFF]


def url(name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"programmes:{name}", kwargs={"programme": "ofd", **kwargs})


def location_post(**overrides) -> dict[str, object]:  # type: ignore[no-untyped-def]
    data = {"name": "Meppel", "kind": "representation", "status": "exploring", "desk_capacity": "0"}
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_locations_of_its_programme_only(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    response = client.get(url("location-list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == [world.ofd.location, world.ofd.other_location]
    assert client.get(url("location-detail", pk=world.ofd.location.pk)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_a_location_of_another_programme_is_not_found(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    assert client.get(url("location-detail", pk=world.other.location.pk)).status_code == 404


def test_a_member_of_another_programme_gets_not_found(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users["other_staff"])
    assert client.get(url("location-list")).status_code == 404


@time_machine.travel(datetime.datetime(2017, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_detail_counts_only_the_stays_under_way_today(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    # given, on 2017-06-01, the world's open stay, one that ended before and one that starts later
    location = world.ofd.location
    ParticipationFactory(
        programme=world.ofd.programme,
        location=location,
        package=world.ofd.package,
        started_on=datetime.date(2015, 3, 1),
        ended_on=datetime.date(2017, 1, 1),
        outflow_status="entrepreneur",
    )
    ParticipationFactory(
        programme=world.ofd.programme,
        location=location,
        package=world.ofd.package,
        started_on=datetime.date(2017, 7, 1),
    )
    response = staff_client.get(url("location-detail", pk=location.pk))
    assert response.context["location"].current_participants == 1
    listed = {loc.name: loc.current_participants for loc in staff_client.get(url("location-list")).context["page"]}
    assert listed == {location.name: 1, world.ofd.other_location.name: 0}


def test_the_list_filters_by_kind_status_and_search(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    closed = LocationFactory(
        programme=world.ofd.programme,
        name="Emmen Kennispoort",
        status=Location.Status.CLOSED,
        closed_on=datetime.date(2017, 6, 30),
    )
    page = staff_client.get(url("location-list"), {"kind": "representation"}).context["page"]
    assert list(page) == [world.ofd.other_location]
    assert list(staff_client.get(url("location-list"), {"status": "closed"}).context["page"]) == [closed]
    assert list(staff_client.get(url("location-list"), {"q": "kennis"}).context["page"]) == [closed]


def test_an_htmx_filter_returns_only_the_results_partial(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(url("location-list"), {"kind": "physical"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'id="results"' in response.content
    assert b"<html" not in response.content


def test_the_list_runs_the_same_number_of_queries_for_3_and_30_locations(
    staff_client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    LocationFactory(programme=world.ofd.programme)
    with django_assert_max_num_queries(6):
        assert len(staff_client.get(url("location-list")).context["page"]) == 3
    LocationFactory.create_batch(27, programme=world.ofd.programme)
    with django_assert_max_num_queries(6):
        assert len(staff_client.get(url("location-list")).context["page"]) == 25


def test_staff_add_a_location(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("location-create"), location_post(municipality_code="GM0119"))
    location = Location.objects.get(programme=world.ofd.programme, name="Meppel")
    assert response.status_code == 302
    assert response["Location"] == url("location-detail", pk=location.pk)
    assert (location.kind, location.status, location.municipality_code) == ("representation", "exploring", "GM0119")
    assert AuditEntry.objects.filter(action="programmes.location.created", object_id=str(location.pk)).exists()


def test_staff_edit_a_location_and_the_change_is_logged(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    location = world.ofd.location
    data = location_post(name=location.name, kind="physical", status="active", opened_on="2015-02-01", desk_capacity=30)
    response = staff_client.post(url("location-edit", pk=location.pk), data)
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.desk_capacity == 30
    entry = AuditEntry.objects.get(action="programmes.location.updated")
    assert entry.changes == {"desk_capacity": [20, 30]}


@pytest.mark.parametrize("role", NOT_STAFF)
def test_other_roles_may_not_add_or_edit_locations_and_nothing_changes(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    location = world.ofd.location
    assert client.get(url("location-create")).status_code == 403
    assert client.post(url("location-create"), location_post()).status_code == 403
    assert client.get(url("location-edit", pk=location.pk)).status_code == 403
    assert client.post(url("location-edit", pk=location.pk), location_post(name="Hacked")).status_code == 403
    assert Location.objects.filter(programme=world.ofd.programme).count() == 2
    location.refresh_from_db()
    assert location.name == "OndernemersFabriek Drenthe Assen"
    assert not AuditEntry.objects.exclude(action="access.refused").exists()  # only the refusal is logged


def test_editing_a_location_of_another_programme_is_not_found_and_changes_nothing(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    other = world.other.location
    response = staff_client.post(url("location-edit", pk=other.pk), location_post(name="Hacked"))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "Other Programme Assen"


def test_a_duplicate_name_is_an_error_on_the_name_field(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("location-create"), location_post(name=world.ofd.location.name))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert Location.objects.filter(programme=world.ofd.programme).count() == 2


def test_the_same_name_in_another_programme_is_fine(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("location-create"), location_post(name=world.other.other_location.name))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"status": "closed"},  # closed without a closing date
        {"opened_on": "2017-01-01", "closed_on": "2016-12-31"},  # closes before it opened
        {"closed_on": "2016-12-31"},  # closes without having opened
    ],
)
def test_impossible_dates_are_an_error_on_the_closing_date(staff_client, world, data) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("location-create"), location_post(**data))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["closed_on"]
    assert not Location.objects.filter(name="Meppel").exists()


def test_a_bad_municipality_code_is_a_field_error(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("location-create"), location_post(municipality_code="0106"))
    assert list(response.context["form"].errors) == ["municipality_code"]


def test_a_refused_edit_shows_the_stored_name_in_the_heading(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    location = world.ofd.location
    response = staff_client.post(url("location-edit", pk=location.pk), location_post(name="Nieuw", status="closed"))
    assert response.status_code == 200
    assert response.context["location"].name == "OndernemersFabriek Drenthe Assen"
