"""What a user does in a real browser: log in, find a company, edit it, switch language; the funder sees no
edit controls and no personal data."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fabriek.companies.models import Company

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_log_in_open_a_company_edit_its_name_and_see_the_change(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    company = world.ofd.company
    visitor.log_in("staff")
    expect(page.locator(".programme-name")).to_have_text(world.ofd.programme.name)
    expect(page.locator("h1")).to_have_text("Dashboard")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    visitor.check("dashboard")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bedrijven").click()
    visitor.check("companies")
    page.get_by_role("link", name=company.name).click()
    expect(page.locator("h1")).to_have_text(company.name)
    visitor.check("company")

    page.get_by_role("button", name="Bewerken", exact=True).click()
    visitor.check("company_edit")
    page.get_by_label("Naam").fill("Drentse Drones BV")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("h1")).to_have_text("Drentse Drones BV")
    visitor.check("company_saved")
    company.refresh_from_db()
    assert company.name == "Drentse Drones BV"


def test_the_same_journey_in_english(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    company = world.ofd.company
    visitor.log_in("staff")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    visitor.check("dashboard_en")

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Companies").click()
    page.get_by_role("link", name=company.name).click()
    page.get_by_role("button", name="Edit", exact=True).click()
    visitor.check("company_edit_en")
    page.get_by_label("Name").fill("Hondsrug Hardware BV")
    page.get_by_label("Postcode").fill("94O1 AB")  # the letter O for a zero
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("is not a Dutch postcode")
    visitor.check("company_error_en")
    assert Company.objects.get(pk=company.pk).name == company.name

    page.get_by_label("Postcode").fill("9401 AB")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Hondsrug Hardware BV")


def test_the_funder_finds_no_edit_controls_and_no_personal_data(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    visitor.log_in("funder")
    visitor.check("funder_dashboard")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Bedrijven")).to_have_count(0)
    for path in [
        reverse("reporting:dashboard", kwargs={"programme": "ofd"}),
        *[
            reverse(name, kwargs={"programme": "ofd"})
            for name in (
                "programmes:location-list",
                "partners:partner-list",
                "events:event-list",
                "reporting:inflow-outflow",
                "reporting:jobs-created",
            )
            if _exists(name)
        ],
    ]:
        visitor.visit(path, "funder_" + path.strip("/").replace("/", "_"))
        body = page.locator("main").inner_text()
        for secret in (world.ofd.company.name, world.ofd.attendance.person.name, world.ofd.attendance.person.email):
            assert secret not in body
        main = page.locator("main")
        for role in ("link", "button"):
            for label in ("Bewerken", "Opslaan", "toevoegen", "Importeren"):
                expect(main.get_by_role(role, name=label)).to_have_count(0)
    response = page.goto(visitor.base_url + reverse("companies:company-list", kwargs={"programme": "ofd"}))
    assert response is not None and response.status == 403


def _exists(name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(name, kwargs={"programme": "ofd"})
    except NoReverseMatch:
        return False
    return True
