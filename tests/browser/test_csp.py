"""The strict Content-Security-Policy in a real browser: htmx's live search and the API docs still work, and
nothing on the way is blocked (the visitor fails on any CSP report on the console)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_live_search_works_under_the_csp(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    visitor.log_in("staff")
    visitor.visit("/p/ofd/companies/", "companies")
    expect(page.get_by_role("link", name=world.ofd.company.name)).to_be_visible()
    page.locator("#id_q").fill("zzz-no-such-company")
    expect(page.get_by_role("link", name=world.ofd.company.name)).to_have_count(0)
    assert "q=zzz-no-such-company" in page.url  # htmx pushed the filtered URL
    visitor.check("companies_filtered")


def test_the_api_docs_render_under_the_csp(visitor, world) -> None:  # type: ignore[no-untyped-def]
    visitor.log_in("staff")
    visitor.page.goto(visitor.base_url + "/api/v1/docs")
    expect(visitor.page.locator(".swagger-ui .info .title")).to_contain_text("Fabriek API")
    assert not visitor.page.csp_violations
