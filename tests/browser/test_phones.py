"""Every page at phone width (390 px) and at 1280 px: no page scrolls sideways, axe-core finds no serious or
critical violation at either width; and check-in at the door of an event of 52 people on a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import PersonFactory
from fabriek.events.models import Attendance
from fabriek.events.tests.factories import AttendanceFactory
from tests.test_permission_matrix import PROGRAMME_URLS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
#: These tests open many pages; on a busy machine a page may take longer than the harness's 15 seconds.
SLOW_MACHINE_TIMEOUT = 60_000
DESKTOP = {"width": 1280, "height": 900}


def staff_pages(world) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(label, path) of every page staff can open with a GET (POST-only URLs, redirects and downloads left
    out)."""
    pages = []
    for name, row in PROGRAMME_URLS.items():
        if name.endswith("-export") or name in {
            "imports:import-messages",
            "participation:company-options",
            "partners:referral-company-options",
            "events:company-series",  # an htmx fragment of the company page (which is opened)
        }:
            continue
        if Role.STAFF in row.roles and row.ok == 200 and row.status.get(Role.STAFF, 200) == 200:
            pages.append((name.replace(":", "_"), reverse(name, kwargs={"programme": "ofd", **row.kwargs(world.ofd)})))
    return pages


def assert_no_sideways_scroll(page) -> None:  # type: ignore[no-untyped-def]
    scroll_width, inner_width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert scroll_width <= inner_width, f"{page.url} scrolls sideways at {inner_width} px: {scroll_width} px wide"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_page_scrolls_sideways_on_a_phone_and_every_page_passes_axe_at_both_widths(visitor, world, language) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    page.set_default_timeout(SLOW_MACHINE_TIMEOUT)
    if language == "en":
        page.context.add_cookies([{"name": "django_language", "value": "en", "url": visitor.base_url}])
    visitor.log_in("staff")
    pages = staff_pages(world)
    assert len(pages) >= 25  # every page staff may open, not a sample

    for viewport, width in ((PHONE, "390"), (DESKTOP, "1280")):
        page.set_viewport_size(viewport)
        for label, path in pages:
            visitor.visit(path, f"{language}_{width}_{label}")
            assert_no_sideways_scroll(page)
    page.set_viewport_size(PHONE)
    page.context.clear_cookies()
    if language == "en":
        page.context.add_cookies([{"name": "django_language", "value": "en", "url": visitor.base_url}])
    visitor.visit("/accounts/login/", f"{language}_390_login")
    assert_no_sideways_scroll(page)


def test_the_menu_takes_one_line_on_a_phone_and_opens_on_a_tap(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    page.set_default_timeout(SLOW_MACHINE_TIMEOUT)
    page.set_viewport_size(PHONE)
    visitor.log_in("staff")
    menu = page.get_by_role("navigation", name="Hoofdmenu")

    expect(menu.get_by_role("link", name="Bedrijven")).to_be_hidden()
    assert menu.bounding_box()["height"] < 60  # type: ignore[index]
    menu.get_by_text("Menu").click()
    menu.get_by_role("link", name="Bedrijven").click()
    expect(page.locator("h1")).to_have_text("Bedrijven")
    visitor.check("companies_390")


def test_check_in_at_the_door_on_a_phone(visitor, world) -> None:  # type: ignore[no-untyped-def]
    # given an event with 52 registered people, one of them Yvonne Staal
    event = world.ofd.event
    Attendance.objects.filter(event=event).delete()
    AttendanceFactory.create_batch(51, event=event, checked_in=False)
    AttendanceFactory(event=event, person=PersonFactory(name="Yvonne Staal"), checked_in=False)
    page = visitor.page
    page.set_default_timeout(SLOW_MACHINE_TIMEOUT)
    page.set_viewport_size(PHONE)
    visitor.log_in("location_manager")
    visitor.visit(reverse("events:event-check-in", kwargs={"programme": "ofd", "pk": event.pk}), "check_in")
    expect(page.locator("#check-in-counts")).to_contain_text("0 van 52")

    # when the location manager searches her and taps the big button
    page.get_by_label("Zoek een aangemelde persoon").fill("staal")
    expect(page.locator(".check-in-list li")).to_have_count(1)
    button = page.get_by_role("button", name="Yvonne Staal inchecken")
    box = button.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"] and box["y"] + box["height"] <= PHONE["height"]
    assert box["height"] >= 44  # a finger's size
    button.click()

    # then she is checked in, the counts say so and the search stays
    expect(page.locator("#check-in-counts")).to_contain_text("1 van 52")
    expect(page.get_by_label("Zoek een aangemelde persoon")).to_have_value("staal")
    visitor.check("checked_in")
    assert Attendance.objects.get(event=event, person__name="Yvonne Staal").checked_in

    # and a walk-in is added and checked in in one step
    page.get_by_text("Zonder aanmelding binnengelopen").click()
    page.locator(".walk-in").get_by_label("Naam").fill("Wim Inloop")
    page.get_by_role("button", name="Toevoegen en inchecken").click()
    expect(page.locator("#check-in-counts")).to_contain_text("2 van 53")
    visitor.check("walk_in")
    assert_no_sideways_scroll(page)
    assert Attendance.objects.get(event=event, person__name="Wim Inloop").checked_in
