"""Staff see the Starters Academy's completion in the series list and page, on a person's page and on the
company's page (loaded by htmx), at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from fabriek.companies.tests.factories import CompanyRoleFactory
from fabriek.events.models import EventSeries
from fabriek.events.tests.factories import AttendanceFactory, EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_see_who_completed_the_starters_academy(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    programme = world.ofd.programme
    series = EventSeries.objects.create(programme=programme, title="Starters Academy", required_sessions=2)
    sessions = [EventFactory(programme=programme, series=series, title=f"Starters Academy {n}") for n in (1, 2, 3)]
    anna = CompanyRoleFactory(company=world.ofd.company, person__name="Anna Smit").person
    for event in sessions[:2]:
        AttendanceFactory(event=event, person=anna, checked_in=True)
    visitor.log_in("staff")

    def both_widths(label: str) -> None:
        visitor.check(label)
        page.set_viewport_size({"width": 390, "height": 844})
        visitor.check(f"{label}_phone")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.set_viewport_size({"width": 1280, "height": 900})

    visitor.visit("/p/ofd/events/", "events")
    page.get_by_role("button", name="Reeks", exact=True).click()
    expect(page.get_by_role("heading", name="Evenementenreeksen")).to_be_visible()
    expect(page.get_by_role("cell", name="Starters Academy")).to_be_visible()
    both_widths("series_list")
    page.get_by_role("link", name="Starters Academy").click()
    expect(page.locator("#series-progress")).to_contain_text("Anna Smit")
    expect(page.locator("#series-progress")).to_contain_text("afgerond")
    both_widths("series_detail")
    visitor.visit(f"/p/ofd/events/series/{series.pk}/edit/", "series_form")

    visitor.visit(f"/p/ofd/people/{anna.pk}/", "person")
    expect(page.locator("#series-progress")).to_contain_text("2 / 2")
    both_widths("person")
    visitor.visit(f"/p/ofd/companies/{world.ofd.company.pk}/", "company")
    expect(page.locator("#series-progress")).to_contain_text("Anna Smit")
    both_widths("company")
