"""Numbers and details typed the Dutch way in a real browser: the figures form and the company form, at
desktop and phone width (screenshots, axe, CSP)."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fabriek.metrics.models import Observation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]


def both_widths(visitor, label: str) -> None:  # type: ignore[no-untyped-def]
    for width in WIDTHS:
        visitor.page.set_viewport_size({"width": width, "height": 900})
        visitor.check(f"{label}_{width}")
        assert visitor.page.evaluate("document.documentElement.scrollWidth") <= width, f"{label} at {width} px"
    visitor.page.set_viewport_size({"width": 1280, "height": 900})


def test_figures_and_company_details_typed_the_dutch_way(visitor, world) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    company = world.ofd.company
    visitor.log_in("staff")

    page.goto(visitor.base_url + reverse("metrics:observation-create", args=["ofd", company.pk]))
    page.get_by_label("Datum").fill("2018-03-01")
    page.get_by_label("Medewerkers").fill("12")
    page.get_by_label("Fte").fill("2,5")
    page.get_by_label("Omzet (EUR)").fill("1,250")  # two readings: refused, with both ways to write it
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("1,250 is op twee manieren te lezen")
    both_widths(visitor, "figures_ambiguous")

    page.get_by_label("Omzet (EUR)").fill("€ 125.000,50")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    stored = Observation.objects.get(company=company, observed_on=datetime.date(2018, 3, 1))
    assert (stored.employees, str(stored.fte), stored.revenue_cents) == (12, "2.50", 12_500_050)

    page.goto(visitor.base_url + reverse("companies:company-edit", kwargs={"programme": "ofd", "pk": company.pk}))
    page.get_by_label("Postcode").fill("7921ab")
    page.get_by_label("Gemeente").fill("De Wolden")
    page.get_by_label("SBI-code").fill("43.21")
    both_widths(visitor, "company_form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("main")).to_contain_text("7921 AB")
    expect(page.locator("main")).to_contain_text("De Wolden")
    both_widths(visitor, "company_detail")
    company.refresh_from_db()
    assert (company.postcode, company.municipality_code, company.sbi_code) == ("7921 AB", "GM1690", "4321")
