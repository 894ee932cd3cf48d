"""Staff answer a person's request about their data in a real browser: find, download, erase."""

import pytest
from playwright.sync_api import expect

from fabriek.companies.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_find_a_person_download_their_data_and_erase_them(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    person = world.ofd.attendance.person
    Person.objects.filter(pk=person.pk).update(email="anna.bakker@example.nl", phone="0592-123456")
    visitor.log_in("staff")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Persoonsgegevens").click()
    visitor.check("search_empty")
    page.get_by_label("E-mailadres").fill("anna.bakker@example.nl")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("main table")).to_contain_text("0592-123456")
    visitor.check("search")
    with page.expect_download() as download:
        page.get_by_role("button", name=f"Gegevens downloaden {person.name}").click()
    assert download.value.suggested_filename == f"person-{person.pk}-ofd.json"
    page.get_by_role("button", name=f"Wissen {person.name}").click()
    expect(page.locator("h1")).to_have_text(f"{person.name} wissen?")
    visitor.check("erase")
    page.get_by_role("button", name="Wissen").click()
    expect(page.get_by_role("alert")).to_be_visible()  # the reason is required
    page.get_by_label("Reden").fill("Verzoek per e-mail van 30 november")
    page.set_viewport_size({"width": 390, "height": 844})
    visitor.check("erase_phone")
    page.get_by_role("button", name="Wissen").click()
    expect(page.locator(".message")).to_contain_text("zijn gewist")
    visitor.check("erased_phone")
    assert Person.objects.get(pk=person.pk).name == "[erased]"
