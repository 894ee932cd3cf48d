"""The API's permission matrix: every operation x every role, own programme and other programme.

Each operation has one row in MATRIX: how to build a request for it in a programme (`side` is world.ofd or
world.other) and, for writes, the audit code the service writes. A new operation without a row fails
`test_every_api_operation_has_a_row_in_the_matrix`, so no operation goes untested.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from config.api import api_operations
from fabriek.accounts.api_auth import PUBLIC_RULE
from fabriek.accounts.models import Role
from fabriek.companies.models import KvkLookup
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.metrics.models import Source
from fabriek.metrics.tests.factories import ObservationFactory
from fabriek.spaces.models import RoomBooking
from fabriek.spaces.tests.factories import DeskAssignmentFactory, DeskBookingFactory, RoomFactory
from tests.api.conftest import send

P = "/api/v1/programmes/{programme}"
ROLES = [role.value for role in Role]

Built = tuple[dict[str, int], Any]


@dataclass(frozen=True)
class Row:
    build: Callable[[SimpleNamespace, SimpleNamespace], Built]  # (world, side) -> (path ids, JSON body)
    audit: str | None = None  # the action a successful write logs
    ok: int | None = None  # what success answers, when not the method's usual (200 GET, 201 POST)
    multipart: bool = False  # the body is a file upload (multipart/form-data), not JSON
    #: The audit entry's object id for a successful write, from (world, response JSON); default: the new id.
    audited_object: Callable[[SimpleNamespace, Any], str] | None = None
    #: False when the path's parameters name no record (a kind, say), so another programme's record cannot
    #: be smuggled in.
    records_in_path: bool = True


class Upload(dict):  # type: ignore[type-arg]
    """A multipart body: field name -> (file name, bytes)."""


def _new_company_stay(world: SimpleNamespace, side: SimpleNamespace) -> Built:
    company = CompanyFactory(programmes=[side.programme])
    body = {
        "company_id": company.pk,
        "location_id": side.location.pk,
        "package_id": side.package.pk,
        "started_on": "2017-01-02",
        "ended_on": "2017-12-31",
        "outflow_status": "entrepreneur",
    }
    return {}, body


def _self_report(world: SimpleNamespace, side: SimpleNamespace) -> Built:
    observation = ObservationFactory(
        company=side.company, observed_on=datetime.date(2017, 2, 1), employees=3, source=Source.SELF_REPORT
    )
    return {"id": observation.pk}, {"employees": 4}


def _companies_file(world: SimpleNamespace, side: SimpleNamespace) -> Built:
    return {"kind": "companies"}, Upload(file=("companies.csv", b"kvk_number,name\n87654321,Hunebed Robotics BV\n"))


def _known_kvk_number(world: SimpleNamespace, side: SimpleNamespace) -> Built:
    """A number the KvK register answered for a moment ago (cached), so the row needs no KVK server."""
    KvkLookup.objects.update_or_create(
        kvk_number="90006623",
        defaults={"found": True, "data": {**KVK_ANSWER, "kvk_number": "90006623"}, "fetched_at": timezone.now()},
    )
    return {"kvk_number": "90006623"}, None


KVK_ANSWER = dict.fromkeys(
    ("name", "founded_on", "street", "postcode", "city", "municipality_code", "sbi_code"), None
) | {"deregistered": False}

PERIOD = {"from": "2017-01-01", "to": "2017-12-31"}


def _tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def _own_fixed_desk(world: SimpleNamespace, side: SimpleNamespace) -> Built:
    """The stay's own fixed desk for tomorrow (the world's stay is full-time)."""
    assignment = DeskAssignmentFactory(desk__location=side.location, participation=side.participation)
    return {}, {"desk": assignment.desk.pk, "date": _tomorrow().isoformat(), "company": side.company.pk}


def _desk_booking(world: SimpleNamespace, side: SimpleNamespace) -> Built:
    side.desk_booking = DeskBookingFactory(participation=side.participation, day=_tomorrow())
    return {"id": side.desk_booking.pk}, None


def _room_slot(world: SimpleNamespace, side: SimpleNamespace) -> Built:
    room = RoomFactory(location=side.location)
    return {}, {
        "room": room.pk,
        "date": _tomorrow().isoformat(),
        "start_hour": 10,
        "end_hour": 12,
        "company": side.company.pk,
    }


def _room_booking(world: SimpleNamespace, side: SimpleNamespace) -> Built:
    room = RoomFactory(location=side.location)
    side.room_booking = RoomBooking.objects.create(
        programme=side.programme, room=room, day=_tomorrow(), start_hour=9, end_hour=10, company=side.company
    )
    return {"id": side.room_booking.pk}, None


MATRIX: dict[tuple[str, str], Row] = {
    ("GET", f"{P}/leads"): Row(lambda w, s: ({}, None)),
    ("POST", f"{P}/leads"): Row(
        lambda w, s: ({}, {"name": "Anna de Vries", "email": "anna@example.org", "source": "outreach"}),
        "intake.lead.created",
    ),
    ("POST", f"{P}/applications"): Row(lambda w, s: ({}, {"lead": s.lead.pk}), "intake.application.submitted"),
    ("POST", f"{P}/applications/{{id}}/decision"): Row(
        lambda w, s: ({"id": s.application.pk}, {"decision": "rejected", "reason": "Not scalable yet."}),
        "intake.application.rejected",
        audited_object=lambda w, body: str(body["application"]),
    ),
    ("GET", f"{P}/kvk/{{kvk_number}}"): Row(_known_kvk_number, records_in_path=False),
    ("GET", f"{P}/locations"): Row(lambda w, s: ({}, None)),
    ("POST", f"{P}/locations"): Row(
        lambda w, s: ({}, {"name": "Meppel", "kind": "representation"}), "programmes.location.created"
    ),
    ("GET", f"{P}/locations/{{id}}"): Row(lambda w, s: ({"id": s.location.pk}, None)),
    ("PATCH", f"{P}/locations/{{id}}"): Row(
        lambda w, s: ({"id": s.location.pk}, {"desk_capacity": 30}), "programmes.location.updated"
    ),
    ("GET", f"{P}/companies"): Row(lambda w, s: ({}, None)),
    ("POST", f"{P}/companies"): Row(
        lambda w, s: ({}, {"kvk_number": "87654321", "name": "Hunebed Robotics BV"}), "companies.company.created"
    ),
    ("GET", f"{P}/companies/{{id}}"): Row(lambda w, s: ({"id": s.company.pk}, None)),
    ("PATCH", f"{P}/companies/{{id}}"): Row(
        lambda w, s: ({"id": s.company.pk}, {"name": "Renamed BV"}), "companies.company.updated"
    ),
    ("GET", f"{P}/people"): Row(lambda w, s: ({}, None)),
    ("GET", f"{P}/people/{{id}}"): Row(lambda w, s: ({"id": s.founder.pk}, None)),
    ("PATCH", f"{P}/people/{{id}}"): Row(
        lambda w, s: ({"id": s.founder.pk}, {"phone": "0592 123456"}), "companies.person.updated"
    ),
    ("GET", f"{P}/participations"): Row(lambda w, s: ({}, None)),
    ("POST", f"{P}/participations"): Row(_new_company_stay, "participation.participation.created"),
    ("GET", f"{P}/participations/{{id}}"): Row(lambda w, s: ({"id": s.participation.pk}, None)),
    ("PATCH", f"{P}/participations/{{id}}"): Row(
        lambda w, s: ({"id": s.participation.pk}, {"ended_on": "2017-06-30", "outflow_status": "entrepreneur"}),
        "participation.participation.updated",
    ),
    ("GET", f"{P}/companies/{{company}}/observations"): Row(lambda w, s: ({"company": s.company.pk}, None)),
    ("POST", f"{P}/companies/{{company}}/observations"): Row(
        lambda w, s: ({"company": s.company.pk}, {"observed_on": "2017-01-02", "employees": 3}),
        "metrics.observation.created",
    ),
    ("PATCH", f"{P}/observations/{{id}}"): Row(_self_report, "metrics.observation.updated"),
    ("GET", f"{P}/partners"): Row(lambda w, s: ({}, None)),
    ("POST", f"{P}/partners"): Row(lambda w, s: ({}, {"name": "Flinc", "kind": "finance"}), "partners.partner.created"),
    ("GET", f"{P}/partners/{{id}}"): Row(lambda w, s: ({"id": s.partner.pk}, None)),
    ("PATCH", f"{P}/partners/{{id}}"): Row(
        lambda w, s: ({"id": s.partner.pk}, {"name": "NOM"}), "partners.partner.updated"
    ),
    ("POST", f"{P}/partners/{{partner}}/agreements"): Row(
        lambda w, s: ({"partner": s.partner.pk}, {"started_on": "2018-01-01"}), "partners.agreement.created"
    ),
    ("PATCH", f"{P}/partners/{{partner}}/agreements/{{id}}"): Row(
        lambda w, s: ({"partner": s.partner.pk, "id": s.agreement.pk}, {"ended_on": "2019-12-31"}),
        "partners.agreement.updated",
    ),
    ("GET", f"{P}/mentors"): Row(lambda w, s: ({}, None)),
    ("POST", f"{P}/mentors"): Row(
        lambda w, s: ({}, {"name": "Mentor Jansen", "active_from": "2017-01-01"}), "mentoring.mentor.created"
    ),
    ("GET", f"{P}/mentors/{{id}}"): Row(lambda w, s: ({"id": s.mentor.pk}, None)),
    ("GET", f"{P}/mentor-sessions"): Row(lambda w, s: ({}, None), records_in_path=False),
    ("POST", f"{P}/mentor-sessions"): Row(
        lambda w, s: (
            {},
            {"match": s.mentor_match.pk, "held_on": "2017-03-01", "minutes": 60, "topics": "Pricing", "follow_up": ""},
        ),
        "mentoring.mentoringsession.created",
        records_in_path=False,
    ),
    ("PATCH", f"{P}/mentors/{{id}}"): Row(
        lambda w, s: ({"id": s.mentor.pk}, {"phone": "0592 123456"}), "mentoring.mentor.updated"
    ),
    ("GET", f"{P}/events"): Row(lambda w, s: ({}, None)),
    ("POST", f"{P}/events"): Row(
        lambda w, s: (
            {},
            {
                "title": "Pitch night",
                "kind": "pitch",
                "starts_at": "2017-05-11T19:00:00+02:00",
                "ends_at": "2017-05-11T22:00:00+02:00",
                "location_id": s.location.pk,
                "partner_ids": [s.partner.pk],
            },
        ),
        "events.event.created",
    ),
    ("GET", f"{P}/events/{{id}}"): Row(lambda w, s: ({"id": s.event.pk}, None)),
    ("PATCH", f"{P}/events/{{id}}"): Row(
        lambda w, s: ({"id": s.event.pk}, {"title": "Network drinks"}), "events.event.updated"
    ),
    ("POST", f"{P}/events/{{event}}/attendances"): Row(
        lambda w, s: ({"event": s.event.pk}, {"name": "Anna de Vries", "email": "anna@example.org"}),
        "events.attendance.added",
    ),
    ("PATCH", f"{P}/events/{{event}}/attendances/{{id}}"): Row(
        lambda w, s: ({"event": s.event.pk, "id": s.attendance.pk}, {"checked_in": False}),
        "events.attendance.check_in_undone",
    ),
    ("GET", f"{P}/reports/inflow-outflow"): Row(lambda w, s: ({}, {"on": "2017-05-31"})),
    ("GET", f"{P}/reports/jobs-created"): Row(lambda w, s: ({}, PERIOD)),
    ("GET", f"{P}/reports/indicators"): Row(lambda w, s: ({}, PERIOD)),
    ("GET", f"{P}/desks"): Row(lambda w, s: ({}, None)),
    ("POST", f"{P}/bookings"): Row(_own_fixed_desk, "spaces.booking.created"),
    ("DELETE", f"{P}/bookings/{{id}}"): Row(
        _desk_booking, "spaces.booking.cancelled", ok=204, audited_object=lambda w, body: str(w.ofd.desk_booking.pk)
    ),
    ("GET", f"{P}/rooms"): Row(lambda w, s: ({}, None)),
    ("POST", f"{P}/room-bookings"): Row(_room_slot, "spaces.room_booking.created"),
    ("DELETE", f"{P}/room-bookings/{{id}}"): Row(
        _room_booking,
        "spaces.room_booking.cancelled",
        ok=204,
        audited_object=lambda w, body: str(w.ofd.room_booking.pk),
    ),
    # an import answers 200 with its result (it creates no one resource); its audit entry is on the programme
    ("POST", f"{P}/imports/{{kind}}"): Row(
        _companies_file,
        "imports.file.imported",
        ok=200,
        multipart=True,
        audited_object=lambda w, body: str(w.ofd.programme.pk),
        records_in_path=False,
    ),
}

#: Operations anyone may call without logging in (`api_public`): tested in fabriek/events/tests and below.
PUBLIC_OPERATIONS = {("POST", f"{P}/events/{{event}}/registrations")}

OPERATIONS = {(op.method, op.path): op for op in api_operations() if (op.method, op.path) not in PUBLIC_OPERATIONS}
KEYS = sorted(MATRIX, key=lambda key: (key[1], key[0]))
WRITES = [key for key in KEYS if key[0] != "GET"]
WITH_IDS = [key for key in KEYS if "{" in key[1].removeprefix(P) and MATRIX[key].records_in_path]


def _ids(keys: list[tuple[str, str]]) -> list[str]:
    return [f"{method} {path.removeprefix(P)}" for method, path in keys]


def request_for(world: SimpleNamespace, key: tuple[str, str], side: SimpleNamespace, slug: str = "ofd") -> Built:
    """The operation's path filled in for programme `slug` with `side`'s records, and its body."""
    ids, body = MATRIX[key].build(world, side)
    return key[1].format(programme=slug, **ids), body


def success_status(key: tuple[str, str]) -> int:
    ok = MATRIX[key].ok
    if ok is not None:
        return ok
    return 201 if key[0] == "POST" else 200


def call(client: Client, key: tuple[str, str], path: str, body: Any, **headers: str) -> Any:
    """`send` for JSON bodies; a multipart POST for uploads."""
    if isinstance(body, Upload):
        files = {field: SimpleUploadedFile(name, content) for field, (name, content) in body.items()}
        return client.post(path, files, headers=headers)
    return send(client, key[0], path, body, **headers)


def assert_only_a_refusal(status: int, actor: Any) -> None:
    """A refused request changes nothing but leaves one audit entry saying who was refused what."""
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.changes["status"]) == ("access.refused", actor, status)


def test_every_api_operation_has_a_row_in_the_matrix() -> None:
    assert set(OPERATIONS) == set(MATRIX)
    public = {(op.method, op.path) for op in api_operations() if op.roles == PUBLIC_RULE}
    assert public == PUBLIC_OPERATIONS


@pytest.mark.parametrize("user", [None, *ROLES, "other_staff"])
def test_the_public_registration_answers_anyone_for_a_public_event_and_404_otherwise(world, client, user) -> None:  # type: ignore[no-untyped-def]
    from fabriek.events.models import Event

    if user:
        client.force_login(world.users[user])
    start = timezone.now() + datetime.timedelta(days=3)
    ours, theirs = (
        Event.objects.create(
            programme=side.programme, title="Open", kind="network", starts_at=start, ends_at=start, public=True
        )
        for side in (world.ofd, world.other)
    )
    path = "/api/v1/programmes/ofd/events/{}/registrations"
    body = {"name": "Anna de Vries", "email": "anna@example.org"}

    assert send(client, "POST", path.format(ours.pk), body).status_code == 201
    assert send(client, "POST", path.format(world.ofd.event.pk), body).status_code == 404  # not public
    assert send(client, "POST", path.format(theirs.pk), body).status_code == 404  # another programme's


def test_every_api_operation_declares_its_roles() -> None:
    undeclared = sorted(f"{method} {path}" for (method, path), op in OPERATIONS.items() if not op.roles)
    assert undeclared == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", KEYS, ids=_ids(KEYS))
def test_each_role_gets_exactly_what_the_operation_allows(world, client, key, role) -> None:  # type: ignore[no-untyped-def]
    path, body = request_for(world, key, world.ofd)
    audit_before = AuditEntry.objects.count()
    client.force_login(world.users[role])

    response = call(client, key, path, body)

    if role in OPERATIONS[key].roles:
        assert response.status_code == success_status(key), response.content
    else:
        assert response.status_code == 403, response.content
        assert response.json()["detail"].startswith("Your role in this programme (")
        # the refusal, and nothing else, is in the audit log
        assert AuditEntry.objects.count() == audit_before + 1
        refused = AuditEntry.objects.get(action="access.refused")
        assert (refused.actor, refused.changes["status"], refused.programme_slug) == (world.users[role], 403, "ofd")


@pytest.mark.parametrize("key", WRITES, ids=_ids(WRITES))
def test_a_write_by_staff_is_in_the_audit_log(world, client, key) -> None:  # type: ignore[no-untyped-def]
    path, body = request_for(world, key, world.ofd)
    client.force_login(world.users[Role.STAFF])

    response = call(client, key, path, body)

    assert response.status_code == success_status(key), response.content
    entry = AuditEntry.objects.filter(action=MATRIX[key].audit).get()
    assert entry.actor == world.users[Role.STAFF]
    assert entry.programme_slug == "ofd"
    audited_object = MATRIX[key].audited_object
    body = response.json() if response.content else None  # a DELETE answers 204 without a body
    expected = audited_object(world, body) if audited_object else str(body["id"])
    assert entry.object_id == expected


@pytest.mark.parametrize("key", KEYS, ids=_ids(KEYS))
def test_an_anonymous_caller_gets_401_and_is_told_how_to_authenticate(world, client, key) -> None:  # type: ignore[no-untyped-def]
    path, body = request_for(world, key, world.ofd)

    response = call(client, key, path, body)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "detail": "Authentication required: log in, or send an API token in the header 'Authorization: Bearer <token>'."
    }
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("key", KEYS, ids=_ids(KEYS))
def test_a_member_of_another_programme_gets_404(world, client, key) -> None:  # type: ignore[no-untyped-def]
    path, body = request_for(world, key, world.ofd)
    client.force_login(world.users["other_staff"])

    response = call(client, key, path, body)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found: no such record in this programme, or you may not see it."}
    assert_only_a_refusal(404, world.users["other_staff"])


@pytest.mark.parametrize("key", WITH_IDS, ids=_ids(WITH_IDS))
def test_staff_get_404_for_a_record_of_another_programme(world, client, key) -> None:  # type: ignore[no-untyped-def]
    path, body = request_for(world, key, world.other, slug="ofd")
    client.force_login(world.users[Role.STAFF])

    response = call(client, key, path, body)

    assert response.status_code == 404
    assert_only_a_refusal(404, world.users[Role.STAFF])


@pytest.mark.parametrize("key", KEYS, ids=_ids(KEYS))
def test_a_bearer_token_works_for_every_operation(world, client, token_for, key) -> None:  # type: ignore[no-untyped-def]
    path, body = request_for(world, key, world.ofd)
    key_for_staff = token_for(Role.STAFF)

    response = call(client, key, path, body, Authorization=f"Bearer {key_for_staff}")

    assert response.status_code == success_status(key), response.content


@pytest.mark.parametrize("key", WRITES, ids=_ids(WRITES))
def test_a_session_write_without_the_csrf_token_is_refused(world, key) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[Role.STAFF])
    path, body = request_for(world, key, world.ofd)
    audit_before = AuditEntry.objects.count()

    response = call(client, key, path, body)

    assert response.status_code == 403
    assert response.json() == {
        "detail": "CSRF check failed: send the value of the csrftoken cookie in the X-CSRFToken header, "
        "or call the API with a token instead of a session."
    }
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("key", KEYS, ids=_ids(KEYS))
def test_a_superuser_without_membership_acts_as_staff(world, client, key) -> None:  # type: ignore[no-untyped-def]
    path, body = request_for(world, key, world.ofd)
    client.force_login(world.users["superuser"])

    response = call(client, key, path, body)

    assert response.status_code == success_status(key), response.content


@pytest.mark.parametrize("key", KEYS, ids=_ids(KEYS))
def test_every_api_answer_is_no_store_with_the_security_headers(world, client, key) -> None:  # type: ignore[no-untyped-def]
    path, body = request_for(world, key, world.ofd)
    client.force_login(world.users[Role.STAFF])

    response = call(client, key, path, body)

    assert response["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
