"""Staff find a person by e-mail address, download their data, and erase them after a confirm step."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from fabriek.accounts.models import Role
from fabriek.companies.models import Person
from fabriek.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def person(world) -> Person:  # type: ignore[no-untyped-def]
    person = world.ofd.attendance.person
    person.email, person.phone = "anna@example.nl", "0592-123456"
    person.save()
    return person


def test_staff_find_a_person_by_email_address(staff_client, person) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(
        reverse("privacy:person-search", kwargs={"programme": "ofd"}), {"email": "ANNA@example.nl"}
    )
    text = response.content.decode()
    assert person.name in text and "0592-123456" in text
    assert reverse("privacy:person-erase", kwargs={"programme": "ofd", "pk": person.pk}) in text


def test_an_address_nobody_has_says_so_and_a_malformed_one_gets_a_field_error(staff_client, person) -> None:  # type: ignore[no-untyped-def]
    url = reverse("privacy:person-search", kwargs={"programme": "ofd"})
    assert "knows nobody with this e-mail address" in staff_client.get(url, {"email": "x@example.nl"}).content.decode()
    assert "Enter a valid email address." in staff_client.get(url, {"email": "not an address"}).content.decode()


def test_staff_download_a_persons_data_as_json(staff_client, person) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(reverse("privacy:person-export", kwargs={"programme": "ofd", "pk": person.pk}))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert [p["email"] for p in document["people"]] == ["anna@example.nl"]
    assert AuditEntry.objects.filter(action="privacy.person.exported", actor__username="staff").count() == 1


def test_erasing_needs_a_reason_and_then_erases(staff_client, person) -> None:  # type: ignore[no-untyped-def]
    url = reverse("privacy:person-erase", kwargs={"programme": "ofd", "pk": person.pk})
    page = staff_client.get(url).content.decode()
    assert f"Erase {person.name}?" in page and "cannot be undone" in page
    refused = staff_client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    assert Person.objects.get(pk=person.pk).email == "anna@example.nl"
    response = staff_client.post(url, {"reason": "Request by e-mail"}, follow=True)
    assert "have been erased" in response.content.decode()
    erased = Person.objects.get(pk=person.pk)
    assert (erased.name, erased.email, erased.phone) == ("[erased]", "", "")


def test_a_person_only_another_programme_knows_is_404(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    other = world.other.attendance.person
    for name in ("privacy:person-export", "privacy:person-erase"):
        assert staff_client.get(reverse(name, kwargs={"programme": "ofd", "pk": other.pk})).status_code == 404
    assert (
        staff_client.post(
            reverse("privacy:person-erase", kwargs={"programme": "ofd", "pk": other.pk}), {"reason": "x"}
        ).status_code
        == 404
    )
    assert Person.objects.get(pk=other.pk).name == other.name


def test_a_location_manager_may_not_erase(client, world, person) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.LOCATION_MANAGER])
    url = reverse("privacy:person-erase", kwargs={"programme": "ofd", "pk": person.pk})
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert Person.objects.get(pk=person.pk).name == person.name
