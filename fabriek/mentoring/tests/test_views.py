import datetime

import pytest
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.companies.models import Person
from fabriek.companies.tests.factories import PersonFactory
from fabriek.core.models import AuditEntry
from fabriek.mentoring.expertise import Expertise
from fabriek.mentoring.models import Mentor
from fabriek.mentoring.tests.factories import MentorFactory

NOT_READERS = [Role.PARTICIPANT, Role.PARTNER, Role.FUNDER]
NOT_STAFF = [role.value for role in Role if role != Role.STAFF]


def url(name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"mentoring:{name}", kwargs={"programme": "ofd", **kwargs})


def mentor_post(**overrides) -> dict[str, object]:  # type: ignore[no-untyped-def]
    data = {
        "name": "Jan Mulder",
        "email": "jan@mulder.example",
        "phone": "0592 123456",
        "expertise": ["finance", "marketing"],
        "capacity": "3",
        "availability": "Dinsdagmiddag",
        "active_from": "2017-01-01",
        "active_until": "",
    }
    data.update(overrides)
    return data  # type: ignore[return-value]


@pytest.fixture
def second_mentor(world) -> Mentor:  # type: ignore[no-untyped-def]
    """A mentor of the programme other than the `mentor` user (whose own record is world.ofd.mentor)."""
    return MentorFactory(programme=world.ofd.programme, person=PersonFactory(name="Anna de Vries"))


@pytest.mark.parametrize("role", [Role.STAFF, Role.LOCATION_MANAGER])
def test_staff_and_location_managers_see_all_the_programmes_mentors(client, world, second_mentor, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    response = client.get(url("mentor-list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == [second_mentor, world.ofd.mentor]
    assert client.get(url("mentor-detail", pk=second_mentor.pk)).status_code == 200


def test_a_mentor_sees_only_their_own_record_found_by_e_mail_ignoring_case(client, world, second_mentor) -> None:  # type: ignore[no-untyped-def]
    own = world.ofd.mentor
    own.person.email = "Mentor@Example.ORG"  # the user's address is mentor@example.org
    own.person.save()
    client.force_login(world.users["mentor"])
    assert list(client.get(url("mentor-list")).context["page"]) == [own]
    assert client.get(url("mentor-detail", pk=own.pk)).status_code == 200
    assert client.get(url("mentor-detail", pk=second_mentor.pk)).status_code == 404


def test_a_mentor_user_without_an_e_mail_address_sees_no_record(client, world) -> None:  # type: ignore[no-untyped-def]
    # not even the mentors whose person has no e-mail address either
    MentorFactory(programme=world.ofd.programme, person=PersonFactory(email=""))
    user = world.users["mentor"]
    user.email = ""
    user.save()
    client.force_login(user)
    assert list(client.get(url("mentor-list")).context["page"]) == []


@pytest.mark.parametrize("role", NOT_READERS)
def test_other_roles_are_refused(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    assert client.get(url("mentor-list")).status_code == 403
    assert client.get(url("mentor-detail", pk=world.ofd.mentor.pk)).status_code == 403


@pytest.mark.parametrize("role", [Role.STAFF, Role.LOCATION_MANAGER, Role.MENTOR])
def test_a_mentor_of_another_programme_is_not_found(client, world, role) -> None:  # type: ignore[no-untyped-def]
    world.other.mentor.person.email = "mentor@example.org"
    world.other.mentor.person.save()
    client.force_login(world.users[role])
    assert client.get(url("mentor-detail", pk=world.other.mentor.pk)).status_code == 404


def test_the_list_filters_by_expertise_active_date_and_search(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    # given the world's mentor (finance, active since 2016-01-01) and a med-tech mentor active in 2017 only
    medtech = MentorFactory(
        programme=world.ofd.programme,
        person=PersonFactory(name="Bert Bakker"),
        expertise=["healthcare", "finance"],
        active_from=datetime.date(2017, 1, 1),
        active_until=datetime.date(2017, 12, 31),
    )

    def listed(**params: str) -> list[Mentor]:
        return list(staff_client.get(url("mentor-list"), params).context["page"])

    assert listed(expertise="healthcare") == [medtech]
    assert set(listed(expertise="finance")) == {world.ofd.mentor, medtech}
    assert listed(active_on="2018-01-01") == [world.ofd.mentor]
    assert listed(active_on="2016-06-01") == [world.ofd.mentor]
    assert listed(q="bakker") == [medtech]
    choices = staff_client.get(url("mentor-list")).context["form"].fields["expertise"].choices
    assert [value for value, label in choices] == ["", *Expertise.values]


def test_an_htmx_filter_returns_only_the_results_partial(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(url("mentor-list"), {"q": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'id="results"' in response.content
    assert b"<html" not in response.content


def test_the_list_runs_the_same_number_of_queries_for_3_and_30_mentors(
    staff_client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    MentorFactory.create_batch(2, programme=world.ofd.programme)
    with django_assert_max_num_queries(7):
        assert len(staff_client.get(url("mentor-list"), {"expertise": "finance"}).context["page"]) == 3
    MentorFactory.create_batch(27, programme=world.ofd.programme)
    with django_assert_max_num_queries(7):
        assert len(staff_client.get(url("mentor-list"), {"expertise": "finance"}).context["page"]) == 25


def test_staff_add_a_mentor_with_their_person_details(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("mentor-create"), mentor_post())
    mentor = Mentor.objects.get(person__name="Jan Mulder")
    assert response.status_code == 302
    assert response["Location"] == url("mentor-detail", pk=mentor.pk)
    assert (mentor.person.email, mentor.person.phone) == ("jan@mulder.example", "0592 123456")
    assert mentor.expertise == ["finance", "marketing"]
    assert (mentor.capacity, mentor.availability) == (3, "Dinsdagmiddag")
    assert (mentor.programme, mentor.active_from, mentor.active_until) == (
        world.ofd.programme,
        datetime.date(2017, 1, 1),
        None,
    )


def test_staff_edit_a_mentor_and_the_person_changes_with_it(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    mentor = world.ofd.mentor
    response = staff_client.get(url("mentor-edit", pk=mentor.pk))
    assert response.context["form"].initial["expertise"] == ["finance"]
    data = mentor_post(
        name="Jan Mulder", email=mentor.person.email, active_from="2016-01-01", active_until="2019-12-31"
    )
    response = staff_client.post(url("mentor-edit", pk=mentor.pk), data)
    assert response.status_code == 302
    mentor.refresh_from_db()
    mentor.person.refresh_from_db()
    assert mentor.person.name == "Jan Mulder"
    assert mentor.expertise == ["finance", "marketing"]
    assert mentor.active_until == datetime.date(2019, 12, 31)


def test_a_mentor_stopping_before_they_start_is_an_error_on_active_until(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("mentor-create"), mentor_post(active_until="2016-12-31"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["active_until"]
    assert not Person.objects.filter(name="Jan Mulder").exists()


def test_a_second_span_starting_on_the_same_day_is_an_error_on_active_from(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    # given a second span of the world's mentor, starting 2018-01-01
    mentor = world.ofd.mentor
    MentorFactory(programme=world.ofd.programme, person=mentor.person, active_from=datetime.date(2018, 1, 1))
    data = mentor_post(name=mentor.person.name, email=mentor.person.email, active_from="2018-01-01")
    response = staff_client.post(url("mentor-edit", pk=mentor.pk), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["active_from"]
    mentor.refresh_from_db()
    assert mentor.active_from == datetime.date(2016, 1, 1)


@pytest.mark.parametrize("role", NOT_STAFF)
def test_other_roles_may_not_add_or_edit_mentors_and_nothing_changes(client, world, role) -> None:  # type: ignore[no-untyped-def]
    own_mentor = world.ofd.mentor
    name = own_mentor.person.name
    client.force_login(world.users[role])
    assert client.get(url("mentor-create")).status_code == 403
    assert client.post(url("mentor-create"), mentor_post()).status_code == 403
    # a mentor may not edit even their own record
    assert client.get(url("mentor-edit", pk=own_mentor.pk)).status_code == 403
    assert client.post(url("mentor-edit", pk=own_mentor.pk), mentor_post(name="Hacked")).status_code == 403
    own_mentor.person.refresh_from_db()
    assert own_mentor.person.name == name
    assert Mentor.objects.count() == 2
    assert not AuditEntry.objects.exclude(action="access.refused").exists()  # only the refusal is logged
