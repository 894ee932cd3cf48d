from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.companies.models import CompanyRole, Person
from fabriek.companies.tests.factories import CompanyRoleFactory, PersonFactory
from fabriek.core.models import AuditEntry
from fabriek.events.tests.factories import AttendanceFactory
from fabriek.participation.tests.factories import ParticipationFactory


def url(name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"people:{name}", kwargs={"programme": "ofd", **kwargs})


def names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.name for p in response.context["page"]]


def test_staff_see_the_people_their_programme_knows_and_not_another_programmes(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(url("person-list"))
    expected = {world.ofd.founder.name, world.ofd.attendance.person.name, world.ofd.mentor.person.name}
    assert set(names(response)) == expected
    assert world.other.founder.name not in names(response)


def test_a_person_with_several_links_is_listed_once(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    AttendanceFactory(event=world.ofd.event, person=world.ofd.founder)
    CompanyRoleFactory(company=world.ofd.company, person=world.ofd.founder, role=CompanyRole.Role.CONTACT)
    assert names(staff_client.get(url("person-list"))).count(world.ofd.founder.name) == 1


def test_the_list_searches_name_email_and_phone(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    person = PersonFactory(name="Jantje Bakker", email="jb@bakkerij.nl", phone="0612345678")
    CompanyRoleFactory(company=world.ofd.company, person=person)
    for query in ("jantje", "BAKKERIJ", "06123"):
        assert names(staff_client.get(url("person-list"), {"q": query})) == ["Jantje Bakker"]


def test_the_list_runs_a_bounded_number_of_queries(staff_client, world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for person in PersonFactory.create_batch(3):
        CompanyRoleFactory(company=world.ofd.company, person=person)
    with django_assert_max_num_queries(9):
        staff_client.get(url("person-list"))
    for person in PersonFactory.create_batch(30):
        CompanyRoleFactory(company=world.ofd.company, person=person)
    with django_assert_max_num_queries(9):
        assert len(staff_client.get(url("person-list")).context["page"]) == 25


def test_a_location_manager_does_not_see_the_founders_of_another_locations_company(client, world) -> None:  # type: ignore[no-untyped-def]
    elsewhere = ParticipationFactory(programme=world.ofd.programme, location=world.ofd.other_location)
    hidden = CompanyRoleFactory(company=elsewhere.company).person
    client.force_login(world.users[Role.LOCATION_MANAGER])
    listed = names(client.get(url("person-list")))
    assert world.ofd.founder.name in listed
    assert hidden.name not in listed
    assert client.get(url("person-detail", pk=hidden.pk)).status_code == 404


def test_a_participant_sees_the_people_of_their_own_company_only(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])
    assert names(client.get(url("person-list"))) == [world.ofd.founder.name]
    assert client.get(url("person-detail", pk=world.ofd.attendance.person.pk)).status_code == 404


def test_the_detail_shows_roles_events_and_mentorships(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    mentor_person = world.ofd.mentor.person
    CompanyRoleFactory(company=world.ofd.company, person=mentor_person, role=CompanyRole.Role.CONTACT)
    AttendanceFactory(event=world.ofd.event, person=mentor_person, checked_in=True)
    page = staff_client.get(url("person-detail", pk=mentor_person.pk)).content.decode()
    assert world.ofd.company.name in page
    assert world.ofd.event.title in page
    assert reverse("mentoring:mentor-detail", kwargs={"programme": "ofd", "pk": world.ofd.mentor.pk}) in page


def test_a_person_edits_their_own_record_but_not_someone_elses(client, world) -> None:  # type: ignore[no-untyped-def]
    me = world.ofd.mentor.person
    me.user = world.users[Role.MENTOR]
    me.save()
    client.force_login(world.users[Role.MENTOR])
    data = {"name": "Albert Nijhuis", "email": "albert@example.org", "phone": "0501234567", "language": "en"}
    assert client.post(url("person-edit", pk=me.pk), data).status_code == 302
    me.refresh_from_db()
    assert (me.name, me.phone, me.language) == ("Albert Nijhuis", "0501234567", "en")
    entry = AuditEntry.objects.get(action="companies.person.updated", object_id=str(me.pk))
    assert entry.changes["phone"][1] == "0501234567"
    # the founder of their mentee: visible, not editable
    before = Person.objects.get(pk=world.ofd.founder.pk).name
    assert client.post(url("person-edit", pk=world.ofd.founder.pk), data).status_code == 403
    assert Person.objects.get(pk=world.ofd.founder.pk).name == before
    # an attendee of an event: not even visible to a mentor
    assert client.post(url("person-edit", pk=world.ofd.attendance.person.pk), data).status_code == 404


def test_a_location_manager_may_read_but_not_edit_a_founder(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    founder = world.ofd.founder
    response = client.post(url("person-edit", pk=founder.pk), {"name": "X", "language": "nl"})
    assert response.status_code == 403
    founder.refresh_from_db()
    assert founder.name != "X"


def test_a_bad_email_is_a_field_error_and_changes_nothing(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    founder = world.ofd.founder
    response = staff_client.post(url("person-edit", pk=founder.pk), {"name": "X", "email": "nope", "language": "nl"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    founder.refresh_from_db()
    assert founder.name != "X"


def test_the_funder_sees_no_person_at_all(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.FUNDER])
    assert client.get(url("person-list")).status_code == 403
    assert client.get(url("person-detail", pk=world.ofd.founder.pk)).status_code == 403


def test_a_location_manager_sees_attendees_of_their_own_and_location_less_events_only(client, world) -> None:  # type: ignore[no-untyped-def]
    from fabriek.events.tests.factories import EventFactory

    at_emmen = AttendanceFactory(event=EventFactory(programme=world.ofd.programme, location=world.ofd.other_location))
    anywhere = AttendanceFactory(event=EventFactory(programme=world.ofd.programme, location=None))
    client.force_login(world.users[Role.LOCATION_MANAGER])

    listed = names(client.get(url("person-list")))

    assert world.ofd.attendance.person.name in listed  # an event at their own location
    assert anywhere.person.name in listed
    assert at_emmen.person.name not in listed
    assert client.get(url("person-detail", pk=at_emmen.person.pk)).status_code == 404


def test_staff_invite_a_founder_from_their_page_with_the_form_filled_in(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    founder = world.ofd.founder
    founder.name, founder.email, founder.language = "Anna van der Berg", "anna@example.org", "en"
    founder.save()

    page = staff_client.get(url("person-detail", pk=founder.pk))
    invite = page.context["invite_url"]
    assert invite.startswith("/p/ofd/invitations/?")

    form = staff_client.get(invite).context["form"]
    assert form["email"].value() == "anna@example.org"
    assert (form["first_name"].value(), form["last_name"].value()) == ("Anna", "van der Berg")
    assert form["role"].value() == Role.PARTICIPANT
    assert str(form["company"].value()) == str(world.ofd.company.pk)
    assert form["language"].value() == "en"


def test_no_invitation_is_offered_without_an_address_or_with_an_account(staff_client, client, world) -> None:  # type: ignore[no-untyped-def]
    without_email = PersonFactory(email="")
    CompanyRoleFactory(company=world.ofd.company, person=without_email)
    assert staff_client.get(url("person-detail", pk=without_email.pk)).context["invite_url"] == ""

    has_account = world.ofd.founder
    has_account.email = world.users[Role.PARTICIPANT].email
    has_account.save()
    assert staff_client.get(url("person-detail", pk=has_account.pk)).context["invite_url"] == ""

    client.force_login(world.users[Role.LOCATION_MANAGER])
    assert client.get(url("person-detail", pk=world.ofd.founder.pk)).context["invite_url"] == ""
