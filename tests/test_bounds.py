"""Every number and date has one plausible range (fabriek.core.bounds), and every way in refuses a value
outside it: the form, the API, the importer and, whatever code writes, the database itself."""

import datetime
import json
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fabriek.accounts.models import Role
from fabriek.companies.models import Company
from fabriek.core import bounds
from fabriek.events.models import Event
from fabriek.imports.parsing import Invalid, parse_text
from fabriek.imports.tests.helpers import errors, run
from fabriek.metrics.forms import ObservationForm
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation

D = datetime.date
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


def refused(make: Any) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


# -- the validators ---------------------------------------------------------------------------------------


def test_history_dates_run_from_1900_to_today() -> None:
    today = bounds.today()
    bounds.validate_history_date(D(1900, 1, 1))
    bounds.validate_history_date(today)
    for day in (D(1899, 12, 31), today + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            bounds.validate_history_date(day)


def test_activity_dates_run_from_1990_to_five_years_ahead() -> None:
    last = bounds.latest_activity()
    assert last == bounds.today().replace(year=bounds.today().year + 5) or last.month == 2  # 29 Feb -> 28 Feb
    bounds.validate_activity_date(D(1990, 1, 1))
    bounds.validate_activity_date(last)
    for day in (D(1989, 12, 31), last + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            bounds.validate_activity_date(day)


def test_an_events_time_is_judged_by_its_day_in_amsterdam() -> None:
    # 1 January 1990 00:30 in Amsterdam is still 31 December 1989 in UTC.
    bounds.validate_activity_date(datetime.datetime(1990, 1, 1, 0, 30, tzinfo=AMSTERDAM))
    with pytest.raises(ValidationError):
        bounds.validate_activity_date(datetime.datetime(1989, 12, 31, 23, 30, tzinfo=AMSTERDAM))


# -- the database ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "outside", "inside"),
    [
        ("employees", 100_001, 100_000),
        ("interns", 100_001, 100_000),
        ("fte", Decimal("100000.01"), Decimal("100000.00")),
        ("revenue_cents", 10**12 + 1, 10**12),
        ("revenue_cents", -(10**12) - 1, -(10**12)),
        ("observed_on", D(1899, 12, 31), D(1900, 1, 1)),
        ("observed_on", D(2200, 1, 1), D(2199, 12, 31)),  # the fixed outer limit; "today" is the validator's
    ],
)
def test_the_database_refuses_an_observation_outside_its_bounds(world, field: str, outside: Any, inside: Any) -> None:  # type: ignore[no-untyped-def]
    values = {
        "company": world.ofd.company,
        "programme": world.ofd.programme,
        "observed_on": D(2018, 1, 1),
        "employees": 1,
        field: outside,
    }

    assert refused(lambda: Observation.objects.create(**values))
    assert not refused(lambda: Observation.objects.create(**(values | {field: inside})))


def test_the_database_refuses_a_founding_date_before_1900(world) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    company.founded_on = D(1899, 12, 31)
    assert refused(company.save)
    company.founded_on = D(1900, 1, 1)
    assert not refused(company.save)


@pytest.mark.parametrize("field", ["started_on", "ended_on"])
def test_the_database_refuses_a_stay_date_before_1990(world, field: str) -> None:  # type: ignore[no-untyped-def]
    stay = world.ofd.participation
    stay.started_on, stay.ended_on, stay.outflow_status = D(1990, 1, 1), D(1990, 6, 30), "stopped"
    setattr(stay, field, D(1989, 12, 31) if field == "started_on" else D(2200, 1, 1))
    assert refused(stay.save)
    setattr(stay, field, D(1990, 1, 1))
    assert not refused(stay.save)


def test_the_database_refuses_an_event_before_1990_in_amsterdam_time(world) -> None:  # type: ignore[no-untyped-def]
    event = world.ofd.event
    event.starts_at = datetime.datetime(1989, 12, 31, 23, 59, tzinfo=AMSTERDAM)
    event.ends_at = datetime.datetime(1990, 1, 1, 1, 0, tzinfo=AMSTERDAM)
    assert refused(event.save)
    event.starts_at = datetime.datetime(1990, 1, 1, 0, 0, tzinfo=AMSTERDAM)
    assert not refused(event.save)


def test_the_overlap_triggers_survive_the_bounds_migration(world) -> None:  # type: ignore[no-untyped-def]
    # SQLite rebuilds a table to add a check constraint, which drops its triggers; 0003 puts them back.
    stay = world.ofd.participation  # 2016-03-01, still going
    overlapping = Participation(
        company=stay.company,
        programme=stay.programme,
        location=stay.location,
        package=stay.package,
        started_on=D(2017, 1, 1),
    )
    assert refused(overlapping.save)


# -- the form, the API and the importer refuse what the database would ------------------------------------

TOMORROW = bounds.today() + datetime.timedelta(days=1)

#: (field of the form/API, value in the form, value in the API, column and cell in an import file)
OUT_OF_BOUNDS = [
    ("employees", "100001", 100_001, "employees", "100001"),
    ("interns", "100001", 100_001, "interns", "100001"),
    ("fte", "100000.01", "100000.01", "fte", "100000.01"),
    ("revenue", "10000000000.01", 10**12 + 1, "revenue_eur", "10000000000.01"),
    ("observed_on", TOMORROW.isoformat(), TOMORROW.isoformat(), "observed_on", TOMORROW.isoformat()),
    ("observed_on", "1899-12-31", "1899-12-31", "observed_on", "1899-12-31"),
]
VALID = {"observed_on": "2018-01-01", "employees": "1", "interns": "0", "fte": "", "revenue": "", "source": "staff"}


@pytest.mark.parametrize(("field", "form_value", "api_value", "column", "cell"), OUT_OF_BOUNDS)
def test_the_form_refuses_a_value_outside_its_bounds(field, form_value, api_value, column, cell) -> None:  # type: ignore[no-untyped-def]
    form = ObservationForm(data=VALID | {field: form_value})

    assert not form.is_valid()
    assert list(form.errors) == [field]


@pytest.mark.parametrize(("field", "form_value", "api_value", "column", "cell"), OUT_OF_BOUNDS)
def test_the_api_refuses_a_value_outside_its_bounds(client, world, field, form_value, api_value, column, cell) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    body = {"observed_on": "2018-01-01", "employees": 1, "revenue_cents" if field == "revenue" else field: api_value}
    client.force_login(world.users[Role.STAFF])

    response = client.post(
        f"/api/v1/programmes/ofd/companies/{company.pk}/observations", json.dumps(body), content_type="application/json"
    )

    assert response.status_code in (400, 422), response.content
    assert Observation.objects.filter(company=company).count() == 1


@pytest.mark.parametrize(("field", "form_value", "api_value", "column", "cell"), OUT_OF_BOUNDS)
def test_the_importer_refuses_a_value_outside_its_bounds(world, field, form_value, api_value, column, cell) -> None:  # type: ignore[no-untyped-def]
    company = world.ofd.company
    row = {"kvk_number": company.kvk_number, "observed_on": "2018-01-01", "employees": "1", column: cell}

    result = run(world.ofd.programme, "observations", ",".join(row) + "\n" + ",".join(row.values()) + "\n")

    assert [message.split(":")[:3] for message in errors(result)] == [["observations.csv", "2", column]]
    assert cell in errors(result)[0]
    assert Observation.objects.filter(company=company).count() == 1


def test_the_importer_refuses_a_stay_more_than_five_years_ahead(world) -> None:  # type: ignore[no-untyped-def]
    too_late = (bounds.latest_activity() + datetime.timedelta(days=1)).isoformat()
    company = Company.objects.create(kvk_number="12345678", name="Later BV")
    company.programmes.add(world.ofd.programme)
    location = world.ofd.location.name

    result = run(
        world.ofd.programme,
        "participations",
        f"kvk_number,location,package,started_on\n12345678,{location},fulltime,{too_late}\n",
    )

    assert errors(result) == [
        f"participations.csv:2:started_on: {too_late} is too far ahead; the latest date accepted is "
        f"{bounds.latest_activity().isoformat()}"
    ]
    assert not Participation.objects.filter(company=company).exists()


def test_an_event_more_than_five_years_ahead_is_refused_by_the_model(world) -> None:  # type: ignore[no-untyped-def]
    event: Event = world.ofd.event
    later = datetime.datetime.combine(bounds.latest_activity() + datetime.timedelta(days=1), datetime.time(10))
    event.starts_at = event.ends_at = later.replace(tzinfo=AMSTERDAM)

    with pytest.raises(ValidationError) as caught:
        event.full_clean()

    assert sorted(caught.value.message_dict) == ["ends_at", "starts_at"]


# -- names: no control characters --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Acme\x00 BV", "Acme\x07", "=1+1\x0b2", "Acme\nBV", "Acme\x85BV"])
def test_a_name_with_a_control_character_is_refused_by_form_and_importer(world, name: str) -> None:  # type: ignore[no-untyped-def]
    from fabriek.companies.forms import CompanyForm

    form = CompanyForm(data={"kvk_number": "12345678", "name": name})
    assert list(form.errors) == ["name"]

    # A CSV with control characters is refused as not a text file already; a cell of a workbook is refused here.
    result = run(world.ofd.programme, "companies", f'kvk_number,name\n12345678,"{name}"\n')
    [message] = errors(result)
    assert "control character" in message or "not a text file" in message, message
    assert not Company.objects.filter(kvk_number="12345678").exists()
    with pytest.raises(Invalid, match="control character"):
        parse_text(name, max_length=200)


def test_a_printable_name_is_kept_as_typed() -> None:
    bounds.validate_printable("Café 't Hoekje & Zn. — Assen")
