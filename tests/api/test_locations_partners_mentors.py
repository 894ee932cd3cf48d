"""Locations, partners and mentors over the API: who reads which, and writes through the services."""

import datetime

import time_machine

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import PersonFactory
from fabriek.core.models import AuditEntry
from fabriek.mentoring.models import Mentor
from fabriek.mentoring.tests.factories import MentorFactory
from fabriek.partners.tests.factories import AgreementFactory, PartnerFactory
from fabriek.programmes.models import Location

P = "/api/v1/programmes/ofd"
TODAY = datetime.datetime(2017, 5, 1, 12, 0, tzinfo=datetime.UTC)


@time_machine.travel(TODAY, tick=False)
def test_every_role_reads_the_locations_with_their_current_participants(world, call) -> None:  # type: ignore[no-untyped-def]
    response = call("GET", f"{P}/locations", Role.MENTOR)

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "items": [
            {
                "id": world.ofd.location.pk,
                "name": "OndernemersFabriek Drenthe Assen",
                "kind": "physical",
                "status": "active",
                "opened_on": "2015-02-01",
                "closed_on": None,
                "address": "",
                "municipality_code": "",
                "desk_capacity": 20,
                "current_participants": 1,
            },
            {
                "id": world.ofd.other_location.pk,
                "name": "OndernemersFabriek Drenthe Roden",
                "kind": "representation",
                "status": "exploring",
                "opened_on": "2015-02-01",
                "closed_on": None,
                "address": "",
                "municipality_code": "",
                "desk_capacity": 20,
                "current_participants": 0,
            },
        ],
    }


def test_a_closed_location_without_a_closing_date_is_refused_on_that_field(world, call) -> None:  # type: ignore[no-untyped-def]
    location = world.ofd.location

    response = call("PATCH", f"{P}/locations/{location.pk}", Role.STAFF, {"status": "closed"})

    assert response.status_code == 422
    assert response.json()["errors"] == {"closed_on": ["A closed location needs a closing date."]}
    location.refresh_from_db()
    assert location.status == Location.Status.ACTIVE
    assert not AuditEntry.objects.exists()


def test_staff_add_a_location(world, call) -> None:  # type: ignore[no-untyped-def]
    body = {"name": "Meppel", "kind": "representation", "municipality_code": "GM0119"}

    response = call("POST", f"{P}/locations", Role.STAFF, body)

    assert response.status_code == 201
    assert (response.json()["name"], response.json()["current_participants"]) == ("Meppel", 0)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.changes) == (
        "programmes.location.created",
        {
            "name": [None, "Meppel"],
            "kind": [None, "representation"],
            "status": [None, "exploring"],
            "municipality_code": [None, "GM0119"],
            "desk_capacity": [None, 0],
        },
    )


@time_machine.travel(TODAY, tick=False)
def test_a_partner_member_reads_only_their_own_partner_with_its_agreements(world, call) -> None:  # type: ignore[no-untyped-def]
    PartnerFactory(programmes=[world.ofd.programme], name="Another Partner")
    partner = world.ofd.partner
    ended = AgreementFactory(
        programme=world.ofd.programme,
        partner=partner,
        started_on=datetime.date(2014, 1, 1),
        ended_on=datetime.date(2015, 12, 31),
    )

    listed = call("GET", f"{P}/partners", Role.PARTNER).json()
    detail = call("GET", f"{P}/partners/{partner.pk}", Role.PARTNER).json()

    assert listed == {
        "count": 1,
        "items": [{"id": partner.pk, "name": partner.name, "kind": "network", "active_today": True}],
    }
    assert detail == {
        "id": partner.pk,
        "name": partner.name,
        "kind": "network",
        "agreements": [
            {"id": world.ofd.agreement.pk, "started_on": "2016-01-01", "ended_on": None, "in_force": True},
            {"id": ended.pk, "started_on": "2014-01-01", "ended_on": "2015-12-31", "in_force": False},
        ],
    }


def test_the_funder_reads_all_partners_of_the_programme(world, call) -> None:  # type: ignore[no-untyped-def]
    PartnerFactory(programmes=[world.ofd.programme], name="Another Partner")

    response = call("GET", f"{P}/partners", Role.FUNDER)

    assert sorted(item["name"] for item in response.json()["items"]) == sorted(
        ["Another Partner", world.ofd.partner.name]
    )


def test_a_partner_member_gets_404_for_another_partner(world, call) -> None:  # type: ignore[no-untyped-def]
    other = PartnerFactory(programmes=[world.ofd.programme])

    assert call("GET", f"{P}/partners/{other.pk}", Role.PARTNER).status_code == 404


def test_an_agreement_cannot_end_before_it_starts(world, call) -> None:  # type: ignore[no-untyped-def]
    partner = world.ofd.partner

    response = call(
        "POST",
        f"{P}/partners/{partner.pk}/agreements",
        Role.STAFF,
        {"started_on": "2018-01-01", "ended_on": "2017-12-31"},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"ended_on": ["An agreement cannot end before it starts."]}


def test_a_mentor_member_reads_only_their_own_mentor_record(world, call) -> None:  # type: ignore[no-untyped-def]
    # The world's mentor record is the mentor persona's: its person has the persona's e-mail address.
    own = world.ofd.mentor
    other = MentorFactory(
        programme=world.ofd.programme,
        person=PersonFactory(name="Another Mentor", email="another@example.org", phone="0592 111111"),
        expertise=["export"],
    )

    listed = call("GET", f"{P}/mentors", Role.MENTOR).json()
    staff_listed = call("GET", f"{P}/mentors", Role.STAFF).json()
    other_response = call("GET", f"{P}/mentors/{other.pk}", Role.MENTOR)

    assert listed == {
        "count": 1,
        "items": [
            {
                "id": own.pk,
                "name": own.person.name,
                "email": "mentor@example.org",
                "phone": "",
                "expertise": ["finance"],
                "expertise_note": "",
                "capacity": 2,
                "availability": "",
                "active_from": "2016-01-01",
                "active_until": None,
            }
        ],
    }
    assert staff_listed["count"] == 2
    assert other_response.status_code == 404


def test_staff_link_a_mentor_and_the_person_is_created_with_them(world, call) -> None:  # type: ignore[no-untyped-def]
    body = {
        "name": "Jan Jansen",
        "email": "jan@example.org",
        "active_from": "2017-01-01",
        "expertise": ["marketing", " Marketing ", "", "Marketing en branding", "financiering"],
    }

    response = call("POST", f"{P}/mentors", Role.STAFF, body)

    assert response.status_code == 201
    mentor = Mentor.objects.get(pk=response.json()["id"])
    assert (mentor.person.name, mentor.person.email, mentor.expertise) == (
        "Jan Jansen",
        "jan@example.org",
        ["finance", "marketing"],
    )
    assert AuditEntry.objects.get().action == "mentoring.mentor.created"
