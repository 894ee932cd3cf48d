"""Staff delete a company entered by mistake, see what went with it, and undo it: in a real browser, on a
wide screen and on a phone."""

import pytest
from playwright.sync_api import expect

from fabriek.companies.models import Company
from fabriek.metrics.models import Observation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_staff_delete_a_company_and_undo_it(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    company = world.ofd.company
    visitor.log_in("staff")
    visitor.visit(f"/p/ofd/companies/{company.pk}/", "company")
    page.get_by_role("button", name="Verwijderen", exact=True).click()
    expect(page.locator("h1")).to_have_text(f"Verwijderen: {company.name}?")
    expect(page.locator("main")).to_contain_text("1 deelname")
    expect(page.locator("main")).to_contain_text("1 meting")
    visitor.check("confirm")
    page.set_viewport_size(PHONE)
    visitor.check("confirm_phone")
    page.get_by_role("button", name="Verwijderen", exact=True).click()
    expect(page.locator(".message")).to_contain_text(f"Verwijderd: {company.name}.")
    assert not Company.objects.filter(pk=company.pk).exists()

    page.set_viewport_size({"width": 1280, "height": 900})  # on a phone the menu is folded away
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Verwijderd").click()
    visitor.check("deleted")
    page.set_viewport_size(PHONE)
    visitor.check("deleted_phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name=f"Ongedaan maken {company}").click()
    expect(page.locator(".message")).to_contain_text("is teruggezet")
    visitor.check("undone")
    assert Company.objects.filter(pk=company.pk).exists()
    assert Observation.objects.filter(pk=world.ofd.observation.pk).exists()


def test_staff_delete_an_attendance_on_a_phone(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    page.set_viewport_size(PHONE)
    visitor.log_in("staff")
    visitor.visit(f"/p/ofd/events/{world.ofd.event.pk}/", "event_phone")
    page.get_by_role("link", name=f"Verwijderen {world.ofd.attendance.person.name}").click()
    visitor.check("confirm_attendance_phone")
    page.get_by_role("button", name="Verwijderen", exact=True).click()
    expect(page.locator(".message")).to_contain_text("Verwijderd: de aanmelding")
    visitor.check("event_after_phone")
