"""Every role logs in, lands on its own home and does its main job there, in Dutch and in English.

Each page is screenshotted at 1280 px and at 390 px (a phone) and checked with axe-core at both widths.
The language comes from the user's own preference (their profile), not from a button: that is what a
user who chose English on their profile page gets after logging in.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fabriek.accounts.models import Role
from fabriek.companies.models import Company, CompanyRole
from fabriek.events.tests.factories import EventFactory
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "nl": {
        "add_starter": "Starter toevoegen",
        "submit_starter": "Starter toevoegen",
        "update_figures": "Cijfers bijwerken",
        "save": "Opslaan",
        "dashboard": "Dashboard",
        "mentees": "Jouw mentees",
        "people": "Personen",
        "add_person": "Oprichter of contactpersoon toevoegen",
        "add": "Toevoegen",
        "profile": "Je profiel",
    },
    "en": {
        "add_starter": "Add a starter",
        "submit_starter": "Add the starter",
        "update_figures": "Update your figures",
        "save": "Save",
        "dashboard": "Dashboard",
        "mentees": "Your mentees",
        "people": "People",
        "add_person": "Add a founder or contact",
        "add": "Add",
        "profile": "Your profile",
    },
}
LANGUAGES = ["nl", "en"]


def shoot(visitor, label: str) -> None:  # type: ignore[no-untyped-def]
    """Screenshot and axe-check the page at 1280 px and at 390 px (a phone), where it must not scroll sideways."""
    page = visitor.page
    visitor.check(label)
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.check(f"{label}_390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{label} scrolls sideways on a phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def log_in_as(visitor, world, role: str, language: str):  # type: ignore[no-untyped-def]
    user = world.users[role]
    user.language = language
    user.save()
    visitor.log_in(user.username)
    expect(visitor.page.locator("html")).to_have_attribute("lang", language)
    return WORDS[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_location_manager_lands_on_their_location_and_adds_a_starter(visitor, world, language) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    words = log_in_as(visitor, world, Role.LOCATION_MANAGER, language)
    expect(page.locator("h1")).to_have_text(world.ofd.location.name)
    shoot(visitor, f"lm_home_{language}")

    page.get_by_role("button", name=words["add_starter"]).first.click()
    shoot(visitor, f"lm_starter_form_{language}")
    page.locator("#id_kvk_number").fill("76543210")
    page.locator("#id_name").fill("Hunebed Analytics BV")
    page.locator("#id_postcode").fill("94O1 AB")  # a typo the form must catch (the letter O for a zero)
    page.locator("#id_package").select_option(str(world.ofd.package.pk))
    page.locator("#id_started_on").fill("2026-09-01")
    page.locator("#id_founder_name").fill("Femke Jansen")
    page.locator("#id_founder_email").fill("femke@hunebed.nl")
    page.get_by_role("button", name=words["submit_starter"]).click()
    expect(page.locator("#id_postcode_errors")).to_be_visible()
    shoot(visitor, f"lm_starter_error_{language}")
    assert not Company.objects.filter(kvk_number="76543210").exists()

    page.locator("#id_postcode").fill("9401 AB")
    page.get_by_role("button", name=words["submit_starter"]).click()
    expect(page.locator("h1")).to_have_text("Hunebed Analytics BV")
    shoot(visitor, f"lm_starter_added_{language}")
    company = Company.objects.get(kvk_number="76543210")
    stay = Participation.objects.get(company=company)
    assert (stay.location, stay.started_on) == (world.ofd.location, datetime.date(2026, 9, 1))
    assert CompanyRole.objects.get(company=company).person.name == "Femke Jansen"

    page.get_by_role("link", name="Femke Jansen").click()
    expect(page.locator("h1")).to_have_text("Femke Jansen")
    shoot(visitor, f"lm_person_{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_participant_lands_on_their_company_and_updates_its_figures(visitor, world, language) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    words = log_in_as(visitor, world, Role.PARTICIPANT, language)
    expect(page.locator("h1")).to_have_text(world.ofd.company.name)
    shoot(visitor, f"participant_home_{language}")

    page.get_by_role("button", name=words["update_figures"]).click()
    shoot(visitor, f"participant_figures_form_{language}")
    page.locator("#id_observed_on").fill("2026-10-31")
    page.locator("#id_employees").fill("5")
    page.locator("#id_interns").fill("1")
    page.get_by_role("button", name=words["save"]).click()
    expect(page.locator("h1")).to_have_text(world.ofd.company.name)
    shoot(visitor, f"participant_figures_saved_{language}")
    observation = Observation.objects.get(company=world.ofd.company, observed_on=datetime.date(2026, 10, 31))
    assert (observation.employees, observation.interns, observation.source) == (5, 1, "self_report")


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_land_on_the_dashboard_and_add_a_founder_to_a_company(visitor, world, language) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    words = log_in_as(visitor, world, Role.STAFF, language)
    expect(page.locator("h1")).to_have_text(words["dashboard"])
    company = world.ofd.company
    visitor.visit(reverse("companies:company-detail", kwargs={"programme": "ofd", "pk": company.pk}), "company")
    page.get_by_role("button", name=words["add_person"]).click()
    page.locator("#id_name").fill("Sanne de Boer")
    page.locator("#id_email").fill("sanne@example.org")
    page.locator("#id_role_1").check()  # contact person
    shoot(visitor, f"staff_add_contact_{language}")
    page.get_by_role("button", name=words["add"], exact=True).click()
    expect(page.get_by_role("link", name="Sanne de Boer")).to_be_visible()
    shoot(visitor, f"staff_company_people_{language}")
    assert CompanyRole.objects.get(company=company, person__name="Sanne de Boer").role == "contact"

    page.get_by_role("navigation").get_by_role("link", name=words["people"]).click()
    shoot(visitor, f"staff_people_{language}")
    page.get_by_role("link", name="Sanne de Boer").click()
    shoot(visitor, f"staff_person_{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mentor_lands_on_their_mentees(visitor, world, language) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    words = log_in_as(visitor, world, Role.MENTOR, language)
    expect(page.locator("h1")).to_have_text(words["mentees"])
    expect(page.locator("main")).to_contain_text(world.ofd.company.name)
    expect(page.locator("main")).to_contain_text(world.ofd.founder.name)
    shoot(visitor, f"mentor_home_{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_partner_lands_on_their_organisation_and_its_events(visitor, world, language) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    event = EventFactory(programme=world.ofd.programme, title="Pitch night")
    event.partners.add(world.ofd.partner)
    log_in_as(visitor, world, Role.PARTNER, language)
    expect(page.locator("h1")).to_have_text(world.ofd.partner.name)
    expect(page.locator("main")).to_contain_text("Pitch night")
    shoot(visitor, f"partner_home_{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_funder_lands_on_the_dashboard_and_changes_their_language_on_their_profile(
    visitor, world, language
) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    words = log_in_as(visitor, world, Role.FUNDER, language)
    expect(page.locator("h1")).to_have_text(words["dashboard"])
    page.locator(".site-bar a.user-name").click()  # the name in the header leads to the profile
    expect(page.locator("h1")).to_have_text(words["profile"])
    visitor.check(f"funder_profile_{language}")
    other = "en" if language == "nl" else "nl"
    page.locator("#id_language").select_option(other)
    page.get_by_role("button", name=words["save"]).click()
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("h1")).to_have_text(WORDS[other]["profile"])
    shoot(visitor, f"funder_profile_saved_{other}")
    world.users[Role.FUNDER].refresh_from_db()
    assert world.users[Role.FUNDER].language == other
