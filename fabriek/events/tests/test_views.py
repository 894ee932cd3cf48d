import datetime

import pytest
from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.companies.models import Person
from fabriek.companies.tests.factories import CompanyRoleFactory, PersonFactory
from fabriek.core.models import AuditEntry
from fabriek.events.models import Attendance, Event
from fabriek.events.tests.factories import AttendanceFactory, EventFactory
from fabriek.partners.tests.factories import PartnerFactory

ROLES = [role.value for role in Role]
EDITORS = [Role.STAFF, Role.LOCATION_MANAGER]
NOT_EDITORS = [Role.MENTOR, Role.PARTICIPANT, Role.PARTNER, Role.FUNDER]
UTC = datetime.UTC


def url(name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"events:{name}", kwargs={"programme": "ofd", **kwargs})


def event_post(world, **overrides) -> dict[str, object]:  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "title": "Pitch night Emmen",
        "kind": "pitch",
        "starts_at": "2017-06-01T19:30",
        "ends_at": "2017-06-01T22:00",
        "location": world.ofd.location.pk,
        "partners": [world.ofd.partner.pk],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_programmes_events_and_their_numbers(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    response = client.get(url("event-list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == [world.ofd.event]
    detail = client.get(url("event-detail", pk=world.ofd.event.pk))
    assert detail.status_code == 200
    assert (detail.context["event"].registered, detail.context["event"].checked_in) == (1, 1)


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_roles_other_than_staff_and_location_managers_see_no_attendee_names(client, world, role) -> None:  # type: ignore[no-untyped-def]
    person = world.ofd.attendance.person
    client.force_login(world.users[role])
    response = client.get(url("event-detail", pk=world.ofd.event.pk))
    assert response.context["attendances"] is None
    assert person.name.encode() not in response.content
    assert person.email.encode() not in response.content


@pytest.mark.parametrize("role", EDITORS)
def test_staff_and_location_managers_see_who_attends(client, world, role) -> None:  # type: ignore[no-untyped-def]
    person = world.ofd.attendance.person
    client.force_login(world.users[role])
    response = client.get(url("event-detail", pk=world.ofd.event.pk))
    assert list(response.context["attendances"]) == [world.ofd.attendance]
    assert person.name.encode() in response.content
    assert person.email.encode() in response.content


@pytest.mark.parametrize("role", ROLES)
def test_an_event_of_another_programme_is_not_found(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    assert client.get(url("event-detail", pk=world.other.event.pk)).status_code == 404


def test_times_are_shown_in_amsterdam_time(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    # the world's event starts 2017-03-01 16:00 +01:00, stored as 15:00 UTC
    event = world.ofd.event
    response = staff_client.get(url("event-detail", pk=event.pk))
    assert b"16:00" in response.content
    assert b"15:00" not in response.content
    form = staff_client.get(url("event-edit", pk=event.pk)).context["form"]
    assert 'value="2017-03-01T16:00"' in str(form["starts_at"])


def test_the_list_filters_by_kind_location_dates_and_title(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    # 23:30 on 31 May in Amsterdam is 21:30 UTC: the day counts in Amsterdam time
    late = EventFactory(
        programme=world.ofd.programme,
        title="Borrel Roden",
        kind=Event.Kind.WORKSHOP,
        location=world.ofd.other_location,
        starts_at=datetime.datetime(2017, 5, 31, 21, 30, tzinfo=UTC),
        ends_at=datetime.datetime(2017, 5, 31, 22, 30, tzinfo=UTC),
    )

    def listed(**params: object) -> list[Event]:
        return list(staff_client.get(url("event-list"), params).context["page"])

    assert listed(kind="workshop") == [late]
    assert listed(location=world.ofd.location.pk) == [world.ofd.event]
    assert listed(q="borrel") == [late]
    assert listed(starts_from="2017-06-01") == []
    assert listed(starts_from="2017-05-31", starts_until="2017-05-31") == [late]
    assert listed(starts_until="2017-03-01") == [world.ofd.event]


def test_the_list_counts_registered_and_checked_in_people(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    AttendanceFactory.create_batch(2, event=world.ofd.event, checked_in=False)
    (event,) = staff_client.get(url("event-list")).context["page"]
    assert (event.registered, event.checked_in) == (3, 1)


def test_an_htmx_filter_returns_only_the_results_partial(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(url("event-list"), {"q": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'id="results"' in response.content
    assert b"<html" not in response.content


def test_the_list_runs_the_same_number_of_queries_for_3_and_30_events(
    staff_client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for event in EventFactory.create_batch(2, programme=world.ofd.programme, location=world.ofd.location):
        AttendanceFactory(event=event)
    with django_assert_max_num_queries(7):
        assert len(staff_client.get(url("event-list")).context["page"]) == 3
    for event in EventFactory.create_batch(27, programme=world.ofd.programme, location=world.ofd.other_location):
        AttendanceFactory(event=event)
    with django_assert_max_num_queries(7):
        assert len(staff_client.get(url("event-list")).context["page"]) == 25


@pytest.mark.parametrize("role", EDITORS)
def test_staff_and_location_managers_add_an_event(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    response = client.post(url("event-create"), event_post(world))
    event = Event.objects.get(title="Pitch night Emmen")
    assert response.status_code == 302
    assert response["Location"] == url("event-detail", pk=event.pk)
    # 19:30 in Amsterdam summer time is 17:30 UTC
    assert event.starts_at == datetime.datetime(2017, 6, 1, 17, 30, tzinfo=UTC)
    assert (event.programme, event.location) == (world.ofd.programme, world.ofd.location)
    assert list(event.partners.all()) == [world.ofd.partner]


def test_staff_edit_an_event(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    data = event_post(
        world, title=event.title, kind="network", starts_at="2017-03-01T16:00", ends_at="2017-03-01T20:00", partners=[]
    )
    response = staff_client.post(url("event-edit", pk=event.pk), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.ends_at == datetime.datetime(2017, 3, 1, 19, 0, tzinfo=UTC)
    entry = AuditEntry.objects.get(action="events.event.updated")
    # the start is the same moment as stored (16:00 in Amsterdam), so only the end changed
    assert entry.changes == {"ends_at": ["2017-03-01T17:00:00+00:00", "2017-03-01T19:00:00+00:00"]}


def test_an_event_ending_before_it_starts_is_an_error_on_the_end(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.post(url("event-create"), event_post(world, ends_at="2017-06-01T18:00"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["ends_at"]
    assert not Event.objects.filter(title="Pitch night Emmen").exists()


def test_another_programmes_location_or_partner_cannot_be_chosen(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    data = event_post(world, location=world.other.location.pk, partners=[world.other.partner.pk])
    response = staff_client.post(url("event-create"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"location", "partners"}
    assert not Event.objects.filter(title="Pitch night Emmen").exists()


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_other_roles_may_not_add_or_edit_events_and_nothing_changes(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    event = world.ofd.event
    assert client.get(url("event-create")).status_code == 403
    assert client.post(url("event-create"), event_post(world)).status_code == 403
    assert client.get(url("event-edit", pk=event.pk)).status_code == 403
    assert client.post(url("event-edit", pk=event.pk), event_post(world, title="Hacked")).status_code == 403
    event.refresh_from_db()
    assert event.title != "Hacked"
    assert Event.objects.count() == 2
    assert not AuditEntry.objects.exclude(action="access.refused").exists()  # only the refusal is logged


def test_editing_an_event_of_another_programme_is_not_found(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    other = world.other.event
    assert staff_client.post(url("event-edit", pk=other.pk), event_post(world, title="Hacked")).status_code == 404
    other.refresh_from_db()
    assert other.title != "Hacked"


@pytest.mark.parametrize("role", EDITORS)
def test_an_attendee_is_added_with_htmx_and_a_known_e_mail_reuses_the_person(client, world, role) -> None:  # type: ignore[no-untyped-def]
    # known to the programme: she came to an earlier event of it
    known = PersonFactory(name="Karin Smit", email="karin@smit.example")
    AttendanceFactory(event=EventFactory(programme=world.ofd.programme, title="Earlier"), person=known)
    client.force_login(world.users[role])
    event = world.ofd.event
    response = client.post(
        url("attendance-create", event=event.pk),
        {"name": "K. Smit", "email": "KARIN@smit.example"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert b'id="attendance"' in response.content
    assert b"<html" not in response.content
    attendance = Attendance.objects.get(event=event, person=known)
    assert attendance.checked_in is False
    # the section shows the new counts: 2 registered, 1 checked in
    assert b"<dd>2</dd>" in response.content
    assert b"<dd>1</dd>" in response.content
    assert b"Karin Smit" in response.content
    assert b"K. Smit" not in response.content
    client.post(url("attendance-create", event=event.pk), {"name": "Piet Jansen", "email": "piet@jansen.example"})
    assert Person.objects.get(email="piet@jansen.example").name == "Piet Jansen"
    assert event.attendances.count() == 3


@pytest.mark.parametrize("htmx", [True, False])
def test_registering_another_programmes_person_by_e_mail_records_a_new_person_and_shows_the_typed_name(
    client, world, htmx
) -> None:  # type: ignore[no-untyped-def]
    founder = CompanyRoleFactory(
        company=world.ofd.company, person__name="Femke Bakker", person__email="femke@bakker.example"
    ).person
    client.force_login(world.users["other_staff"])
    event = world.other.event
    people = Person.objects.count()
    target = reverse("events:attendance-create", kwargs={"programme": "other", "event": event.pk})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = client.post(target, {"name": "whoever", "email": "Femke@Bakker.example"}, follow=True, **headers)

    assert response.status_code == 200
    assert Person.objects.count() == people + 1
    new = Attendance.objects.get(event=event, person__name="whoever").person
    assert (new.email, new.attendances.count()) == ("Femke@Bakker.example", 1)
    assert b"whoever aangemeld." in response.content  # "%(name)s registered." in Dutch, the default
    assert b"Femke Bakker" not in response.content
    assert b"femke@bakker.example" not in response.content
    founder.refresh_from_db()
    assert (founder.name, founder.email, founder.attendances.count()) == ("Femke Bakker", "femke@bakker.example", 0)


def test_registering_someone_twice_is_an_error_on_the_e_mail(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    person = world.ofd.attendance.person
    event = world.ofd.event
    data = {"name": "X", "email": person.email.upper()}
    response = staff_client.post(url("attendance-create", event=event.pk), data)
    assert response.status_code == 200
    assert list(response.context["attendance_form"].errors) == ["email"]
    response = staff_client.post(url("attendance-create", event=event.pk), data, HTTP_HX_REQUEST="true")
    assert b'id="id_email_errors"' in response.content
    assert event.attendances.count() == 1


def test_without_htmx_adding_an_attendee_redirects_to_the_event(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    response = staff_client.post(url("attendance-create", event=event.pk), {"name": "Piet Jansen", "email": ""})
    assert response.status_code == 302
    assert response["Location"] == url("event-detail", pk=event.pk)
    response = staff_client.post(url("attendance-create", event=event.pk), {"name": "", "email": ""})
    assert response.status_code == 200
    assert list(response.context["attendance_form"].errors) == ["name"]


@pytest.mark.parametrize("role", EDITORS)
def test_checking_in_sets_the_posted_value_so_a_double_click_does_no_harm(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    attendance = world.ofd.attendance
    target = url("attendance-toggle", event=world.ofd.event.pk, pk=attendance.pk)
    for _ in range(2):
        response = client.post(target, {"checked_in": "0"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
    attendance.refresh_from_db()
    assert attendance.checked_in is False
    assert b"<dd>0</dd>" in response.content  # checked in
    assert AuditEntry.objects.filter(action="events.attendance.check_in_undone").count() == 1
    client.post(target, {"checked_in": "1"})
    attendance.refresh_from_db()
    assert attendance.checked_in is True


def test_attendance_changes_are_post_only_and_another_programmes_records_are_404_first(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    assert staff_client.get(url("attendance-create", event=event.pk)).status_code == 405
    assert staff_client.get(url("attendance-toggle", event=event.pk, pk=world.ofd.attendance.pk)).status_code == 405
    other_event = world.other.event
    assert staff_client.get(url("attendance-create", event=other_event.pk)).status_code == 404
    target = url("attendance-toggle", event=other_event.pk, pk=world.other.attendance.pk)
    assert staff_client.get(target).status_code == 404


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_other_roles_may_not_register_or_check_in_and_nothing_changes(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])
    event, attendance = world.ofd.event, world.ofd.attendance
    response = client.post(url("attendance-create", event=event.pk), {"name": "X", "email": "x@example.org"})
    assert response.status_code == 403
    response = client.post(url("attendance-toggle", event=event.pk, pk=attendance.pk), {"checked_in": "0"})
    assert response.status_code == 403
    attendance.refresh_from_db()
    assert attendance.checked_in is True
    assert event.attendances.count() == 1
    assert not AuditEntry.objects.exclude(action="access.refused").exists()  # only the refusal is logged


def test_attendance_of_another_programme_is_not_found(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    other_event, other_attendance = world.other.event, world.other.attendance
    data = {"name": "X", "email": "x@example.org"}
    assert staff_client.post(url("attendance-create", event=other_event.pk), data).status_code == 404
    target = url("attendance-toggle", event=other_event.pk, pk=other_attendance.pk)
    assert staff_client.post(target, {"checked_in": "0"}).status_code == 404
    # another programme's attendance reached through this programme's event
    target = url("attendance-toggle", event=world.ofd.event.pk, pk=other_attendance.pk)
    assert staff_client.post(target, {"checked_in": "0"}).status_code == 404
    other_attendance.refresh_from_db()
    assert other_attendance.checked_in is True
    assert other_event.attendances.count() == 1


def test_partners_of_the_programme_are_the_only_choices(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    shared = PartnerFactory(programmes=[world.ofd.programme])
    form = staff_client.get(url("event-create")).context["form"]
    assert list(form.fields["partners"].queryset) == sorted([world.ofd.partner, shared], key=lambda p: p.name)
    assert list(form.fields["location"].queryset) == [world.ofd.location, world.ofd.other_location]


# --- check-in at the door


def test_the_check_in_page_finds_registered_people_by_part_of_their_name_or_e_mail(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    for name, email in (("Anna de Vries", "anna@vries.example"), ("Bert Hoving", "b.hoving@drenthe.example")):
        AttendanceFactory(event=event, person=PersonFactory(name=name, email=email))

    everyone = staff_client.get(url("event-check-in", pk=event.pk))
    by_name = staff_client.get(url("event-check-in", pk=event.pk), {"q": "  VRIES "}, HTTP_HX_REQUEST="true")
    by_email = staff_client.get(url("event-check-in", pk=event.pk), {"q": "drenthe.example"}, HTTP_HX_REQUEST="true")

    assert len(everyone.context["attendances"]) == 3
    # (a partial's context is not recorded by the test client: read what it shows)
    assert b"Anna de Vries" in by_name.content and b"Bert Hoving" not in by_name.content
    assert b"Bert Hoving" in by_email.content and b"Anna de Vries" not in by_email.content
    # htmx gets the list with the counts swapped in beside it, not the page
    assert b"<html" not in by_name.content
    assert b'id="check-in-counts"' in by_name.content and b'hx-swap-oob="true"' in by_name.content


@pytest.mark.parametrize("htmx", [True, False])
def test_checking_in_from_the_check_in_page_keeps_the_search_and_updates_the_counts(staff_client, world, htmx) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    anna = AttendanceFactory(event=event, person=PersonFactory(name="Anna de Vries"), checked_in=False)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = staff_client.post(
        url("attendance-toggle", event=event.pk, pk=anna.pk),
        {"checked_in": "1", "from": "check-in", "q": "anna"},
        **headers,
    )

    anna.refresh_from_db()
    assert anna.checked_in is True
    if htmx:
        page = response.content.decode()
        assert page.count('class="check-in-person"') == 1 and "Anna de Vries" in page
        assert "<strong>2</strong>" in page  # the world's attendee was checked in already
    else:
        assert response.status_code == 302
        assert response["Location"] == url("event-check-in", pk=event.pk) + "?q=anna"


def test_a_walk_in_is_registered_and_checked_in_in_one_step(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event

    response = staff_client.post(
        url("attendance-create", event=event.pk),
        {"name": "Walter Inloop", "email": "", "from": "check-in"},
        HTTP_HX_REQUEST="true",
    )

    attendance = Attendance.objects.get(event=event, person__name="Walter Inloop")
    assert attendance.checked_in is True
    assert AuditEntry.objects.get(action="events.attendance.added", object_id=str(attendance.pk)).changes[
        "checked_in"
    ] == [None, True]
    assert b'id="check-in-results"' in response.content


def test_a_walk_in_without_a_name_gets_a_field_error_and_nothing_is_written(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    before = event.attendances.count()

    response = staff_client.post(
        url("attendance-create", event=event.pk), {"name": "", "from": "check-in"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert b'id="id_name_errors"' in response.content
    assert event.attendances.count() == before


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_only_staff_and_location_managers_open_the_check_in_page(client, world, role) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[role])

    assert client.get(url("event-check-in", pk=world.ofd.event.pk)).status_code == 403


def test_the_check_in_list_runs_the_same_number_of_queries_for_3_and_60_people(
    staff_client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    AttendanceFactory.create_batch(2, event=event)
    with django_assert_max_num_queries(12):
        staff_client.get(url("event-check-in", pk=event.pk))
    AttendanceFactory.create_batch(57, event=event)
    with django_assert_max_num_queries(12):
        response = staff_client.get(url("event-check-in", pk=event.pk))
    assert len(response.context["attendances"]) == 60
