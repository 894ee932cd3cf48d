"""A location manager (or staff) adds a starter: company, stay and founder in one form and one transaction."""

import datetime

from django.urls import reverse

from fabriek.accounts.models import Role
from fabriek.companies.models import Company, CompanyRole
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core.models import AuditEntry
from fabriek.participation.models import Participation

URL = reverse("participation:starter-create", kwargs={"programme": "ofd"})


def data(world, **overrides):  # type: ignore[no-untyped-def]
    return {
        "kvk_number": "76543210",
        "name": "Hunebed Analytics BV",
        "postcode": "9401 AB",
        "municipality_code": "GM0106",
        "location": world.ofd.location.pk,
        "package": world.ofd.package.pk,
        "started_on": "2026-09-01",
        "founder_name": "Femke Jansen",
        "founder_email": "femke@hunebed.nl",
        **overrides,
    }


def test_a_location_manager_adds_a_starter_at_their_location(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    response = client.post(URL, data(world))
    company = Company.objects.get(kvk_number="76543210")
    assert response.status_code == 302
    assert response["Location"] == reverse("companies:company-detail", kwargs={"programme": "ofd", "pk": company.pk})
    stay = Participation.objects.get(company=company)
    assert (stay.programme, stay.location, stay.started_on) == (
        world.ofd.programme,
        world.ofd.location,
        datetime.date(2026, 9, 1),
    )
    founder = CompanyRole.objects.get(company=company, role="founder").person
    assert (founder.name, founder.email) == ("Femke Jansen", "femke@hunebed.nl")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "companies.company.created",
        "participation.participation.created",
        "companies.companyrole.created",
    } <= actions
    # the new company is now one of the location manager's
    assert client.get(response["Location"]).status_code == 200


def test_a_location_manager_cannot_place_a_starter_at_another_location(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    response = client.post(URL, data(world, location=world.ofd.other_location.pk))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["location"]
    assert not Company.objects.filter(kvk_number="76543210").exists()


def test_the_form_offers_a_location_manager_only_their_location(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    form = client.get(URL).context["form"]
    assert list(form.fields["location"].queryset) == [world.ofd.location]


def test_a_bad_stay_saves_no_company_either(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    # a package of another programme: the company would be valid, the stay is not
    response = client.post(URL, data(world, package=world.other.package.pk))
    assert response.status_code == 200
    assert "package" in response.context["form"].errors
    assert not Company.objects.filter(kvk_number="76543210").exists()


def test_a_bad_founder_email_saves_nothing(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    response = client.post(URL, data(world, founder_email="femke-at-hunebed"))
    assert response.status_code == 200
    assert "founder_email" in response.context["form"].errors
    assert not Company.objects.filter(kvk_number="76543210").exists()


def test_a_company_the_programme_knows_gets_the_stay_and_keeps_its_details(client, world) -> None:  # type: ignore[no-untyped-def]
    known = CompanyFactory(kvk_number="76543210", name="Known BV", programmes=[world.ofd.programme])
    client.force_login(world.users[Role.LOCATION_MANAGER])
    response = client.post(URL, data(world))
    assert response.status_code == 302
    known.refresh_from_db()
    assert known.name == "Known BV"
    assert Participation.objects.filter(company=known, location=world.ofd.location).count() == 1
    assert Company.objects.filter(kvk_number="76543210").count() == 1


def test_a_company_of_another_programme_is_refused_and_not_joined(client, world) -> None:  # type: ignore[no-untyped-def]
    theirs = world.other.company
    client.force_login(world.users[Role.LOCATION_MANAGER])
    response = client.post(URL, data(world, kvk_number=theirs.kvk_number))
    assert response.status_code == 200
    assert "kvk_number" in response.context["form"].errors
    assert not theirs.programmes.filter(pk=world.ofd.programme.pk).exists()
    assert not Participation.objects.filter(company=theirs, programme=world.ofd.programme).exists()


def test_a_location_manager_asking_to_add_a_company_is_sent_to_the_starter_form(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    response = client.get(reverse("companies:company-create", kwargs={"programme": "ofd"}))
    assert response["Location"] == URL
    response = client.post(
        reverse("companies:company-create", kwargs={"programme": "ofd"}), {"kvk_number": "11112222", "name": "X"}
    )
    assert not Company.objects.filter(kvk_number="11112222").exists()


def test_a_participant_may_not_add_a_starter(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.PARTICIPANT])
    assert client.post(URL, data(world)).status_code == 403
    assert not Company.objects.filter(kvk_number="76543210").exists()
