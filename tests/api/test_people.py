from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyRoleFactory
from fabriek.participation.tests.factories import ParticipationFactory

P = "/api/v1/programmes/ofd"


def test_the_list_gives_people_with_their_roles_at_visible_companies(call, world) -> None:  # type: ignore[no-untyped-def]
    response = call("GET", f"{P}/people", Role.STAFF, {"search": world.ofd.founder.name})
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["roles"] == [
        {"company_id": world.ofd.company.pk, "company_name": world.ofd.company.name, "role": "founder"}
    ]


def test_a_location_manager_does_not_get_another_locations_founder(call, world) -> None:  # type: ignore[no-untyped-def]
    elsewhere = ParticipationFactory(programme=world.ofd.programme, location=world.ofd.other_location)
    hidden = CompanyRoleFactory(company=elsewhere.company).person
    names = [p["name"] for p in call("GET", f"{P}/people", Role.LOCATION_MANAGER).json()["items"]]
    assert hidden.name not in names and world.ofd.founder.name in names
    assert call("GET", f"{P}/people/{hidden.pk}", Role.LOCATION_MANAGER).status_code == 404


def test_staff_correct_a_person_and_a_bad_email_is_a_422_that_changes_nothing(call, world) -> None:  # type: ignore[no-untyped-def]
    founder = world.ofd.founder
    response = call("PATCH", f"{P}/people/{founder.pk}", Role.STAFF, {"email": "nope"})
    assert response.status_code == 422
    founder.refresh_from_db()
    assert founder.email != "nope"
    response = call("PATCH", f"{P}/people/{founder.pk}", Role.STAFF, {"language": "en", "phone": "0592 123456"})
    assert response.status_code == 200
    assert (response.json()["language"], response.json()["phone"]) == ("en", "0592 123456")


def test_another_programmes_person_is_404(call, world) -> None:  # type: ignore[no-untyped-def]
    assert call("GET", f"{P}/people/{world.other.founder.pk}", Role.STAFF).status_code == 404
