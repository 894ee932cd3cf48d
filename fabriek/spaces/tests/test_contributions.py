"""Contributions per company and month (clause 16) with hand-computed cases, the page and the export."""

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fabriek.participation.tests.factories import ParticipationFactory
from fabriek.programmes.models import BudgetLine, ServicePackage
from fabriek.programmes.tests.factories import ServicePackageFactory
from fabriek.spaces import contributions


@pytest.mark.parametrize(
    ("price", "days", "days_in_month", "expected"),
    [
        (25000, 30, 30, 25000),  # a whole month
        (25000, 1, 30, 833),  # 833.33 -> 833
        (25000, 15, 28, 13393),  # 13392.857 -> 13393
        (10000, 1, 8, 1250),  # exactly 1250
        (1, 1, 2, 1),  # half a cent rounds up
        (0, 31, 31, 0),
    ],
)
def test_pro_rata_by_hand(price, days, days_in_month, expected) -> None:  # type: ignore[no-untyped-def]
    assert contributions.pro_rata_cents(price, days, days_in_month) == expected


@pytest.fixture
def month(world):  # type: ignore[no-untyped-def]
    """February 2026 (28 days): the world's full-time stay all month (EUR 250), a company that moved from
    part-time to full-time on the 15th, and a stay that ended on 3 February."""
    ofd = world.ofd
    parttime = ServicePackageFactory(
        programme=ofd.programme, kind=ServicePackage.Kind.PARTTIME, name="Deeltijd", monthly_price_cents=10000
    )
    mover = ParticipationFactory(
        programme=ofd.programme,
        location=ofd.location,
        package=parttime,
        company__name="Wisselaar BV",
        started_on=date(2025, 6, 1),
        ended_on=date(2026, 2, 14),
        outflow_status="entrepreneur",
    )
    ParticipationFactory(
        programme=ofd.programme,
        location=ofd.location,
        package=ofd.package,
        company=mover.company,
        started_on=date(2026, 2, 15),
    )
    ParticipationFactory(
        programme=ofd.programme,
        location=ofd.location,
        package=ofd.package,
        company__name="Vertrekker BV",
        started_on=date(2025, 1, 1),
        ended_on=date(2026, 2, 3),
        outflow_status="stopped",
    )
    ParticipationFactory(
        programme=ofd.programme, location=ofd.location, package=ofd.package, started_on=date(2026, 3, 1)
    )  # not yet
    return ofd


def test_a_month_by_hand(month) -> None:  # type: ignore[no-untyped-def]
    rows = contributions.month_contributions(programme=month.programme, year=2026, month=2)
    got = [(r.company, r.package, r.days, r.amount_cents) for r in rows]
    assert got == sorted(
        [
            (month.company.name, "Fulltime", 28, 25000),
            ("Vertrekker BV", "Fulltime", 3, 2679),  # 25000 x 3 / 28 = 2678.57
            ("Wisselaar BV", "Deeltijd", 14, 5000),  # 10000 x 14 / 28
            ("Wisselaar BV", "Fulltime", 14, 12500),  # 25000 x 14 / 28
        ]
    )


def test_the_page_shows_the_year_beside_the_budget_line_and_the_export_has_the_rows(staff_client, month) -> None:  # type: ignore[no-untyped-def]
    BudgetLine.objects.create(
        plan_period=month.plan,
        year=2026,
        name="Bijdragen deelnemers",
        amount_cents=5_000_000,
        kind=BudgetLine.Kind.CONTRIBUTIONS,
    )
    page = staff_client.get(reverse("reporting:contributions", kwargs={"programme": "ofd"}), {"month": "2026-02"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "€ 451,79" in text  # the month: 250 + 26.79 + 50 + 125
    assert "€ 50.000,00" in text  # the budget line
    year = sum(cents for _m, cents in contributions.year_per_month(programme=month.programme, year=2026))
    assert f"€ {year // 100:,}".replace(",", ".") in text

    xlsx = staff_client.get(
        reverse("reporting:contributions-export", kwargs={"programme": "ofd"}), {"month": "2026-02", "format": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Bedrijf", "KvK-nummer", "Pakket", "Locatie", "Dagen", "Bedrag (EUR)"]
    assert ["Vertrekker BV", values[2][1], "Fulltime", month.location.name, 3, 26.79] in values
    csv = staff_client.get(
        reverse("reporting:contributions-export", kwargs={"programme": "ofd"}), {"month": "2026-02", "format": "csv"}
    )
    with zipfile.ZipFile(io.BytesIO(csv.content)) as archive:
        first = archive.read(sorted(archive.namelist())[0]).decode("utf-8-sig")
    assert "Vertrekker BV;" in first and ";26,79" in first


def test_a_bad_month_is_a_400_naming_the_parameter(staff_client, world) -> None:  # type: ignore[no-untyped-def]
    response = staff_client.get(reverse("reporting:contributions", kwargs={"programme": "ofd"}), {"month": "2026-13"})
    assert response.status_code == 400
