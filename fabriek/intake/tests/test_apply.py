"""The public application form: no login, honeypot, rate limit, KvK fill, errors in the user's language."""

import pytest
from django.urls import reverse

from fabriek.companies.tests.kvk_fake import API_KEY, running_fake_kvk
from fabriek.intake.models import Application

pytestmark = pytest.mark.django_db

FORM = {
    "kvk_number": "90006623",
    "company_name": "Hunebed Robotics B.V.",
    "founder_name": "Anna de Vries",
    "founder_email": "anna@example.org",
    "activity": "Robots that weed fields",
    "ambition": "Ten people in two years",
    "business_model": "Robots as a service",
    "support_need": "Sales and a network",
}


def _url(name: str, slug: str = "ofd") -> str:
    return reverse(f"intake:{name}", kwargs={"programme": slug})


def test_an_anonymous_starter_applies_and_is_thanked(world, client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(_url("apply"), {**FORM, "consent_follow_up": "on"})

    assert response.status_code == 302
    assert response["Location"] == _url("apply-done")
    application = Application.objects.get(company_name="Hunebed Robotics B.V.")
    assert (application.programme, application.founder_email, application.consent_follow_up) == (
        world.ofd.programme,
        "anna@example.org",
        True,
    )
    assert application.language == "nl"
    assert application.client_hash and "127.0.0.1" not in application.client_hash


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(world, client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(_url("apply"), {**FORM, "website": "http://spam.example"})

    assert response.status_code == 302
    assert not Application.objects.filter(company_name="Hunebed Robotics B.V.").exists()


def test_missing_answers_are_field_errors_in_dutch_and_nothing_is_stored(world, client) -> None:  # type: ignore[no-untyped-def]
    response = client.post(_url("apply"), {**FORM, "ambition": "", "founder_email": "not an address"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit veld is verplicht." in page
    assert "Voer een geldig e-mailadres in." in page
    assert not Application.objects.filter(company_name="Hunebed Robotics B.V.").exists()


@pytest.mark.parametrize("field", ["company_name", "activity"])
def test_a_nul_byte_is_a_field_error_not_a_crash(world, client, field) -> None:  # type: ignore[no-untyped-def]
    response = client.post(_url("apply"), {**FORM, field: "Robots\x00"})

    assert response.status_code == 400
    assert not Application.objects.filter(founder_email="anna@example.org").exists()


def test_an_address_that_sends_too_many_applications_is_told_to_wait(world, client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.INTAKE_APPLICATIONS_PER_ADDRESS_PER_HOUR = 2
    for n in range(2):
        assert client.post(_url("apply"), {**FORM, "company_name": f"Try {n}"}).status_code == 302

    response = client.post(_url("apply"), {**FORM, "company_name": "Try 3"})

    assert response.status_code == 429
    assert "Probeer het later opnieuw" in response.content.decode()
    assert not Application.objects.filter(company_name="Try 3").exists()


def test_the_form_offers_only_the_programmes_active_locations(world, client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(_url("apply")).content.decode()
    assert world.ofd.location.name in page
    assert world.ofd.other_location.name not in page  # exploring
    assert world.other.location.name not in page


def test_the_kvk_button_fills_the_company_from_the_register_and_keeps_what_was_typed(world, client, settings) -> None:  # type: ignore[no-untyped-def]
    with running_fake_kvk() as fake:
        settings.KVK_API_URL, settings.KVK_API_KEY, settings.KVK_BACKOFF_SECONDS = fake.url, API_KEY, 0
        response = client.get(
            _url("apply-kvk"),
            {"kvk_number": "90006623", "company_name": "", "founder_name": "Anna"},
            HTTP_HX_REQUEST="true",
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Hunebed Robotics B.V."' in page
    assert 'value="2024-02-15"' in page
    assert 'value="9403 AB"' in page and 'value="28990"' in page
    assert "Ingevuld uit het KvK-register" in page


def test_without_a_kvk_key_the_form_says_the_lookup_is_off(world, client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KVK_API_KEY = ""
    assert "niet beschikbaar" in client.get(_url("apply")).content.decode()
    response = client.get(_url("apply-kvk"), {"kvk_number": "90006623"})
    assert "KVK_API_KEY" in response.content.decode()
