"""The reports answer, with the right numbers, for the most extreme values the bounds let into the database.

One observation of 99,999,999,999 employees used to make the dashboard answer 500 for everyone (the rules
packed employees and a day number into one integer, and the day came out as nonsense). Now the database
refuses such a figure (tests/test_bounds.py); this test stores the extremes it does accept, each through the
model's own validation, and asks every report page, export and the `report` command for them.
"""

import datetime
import json
from decimal import Decimal
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from fabriek.accounts.models import Role
from fabriek.companies.tests.factories import CompanyFactory
from fabriek.core import bounds
from fabriek.events.models import Event
from fabriek.metrics.models import Observation, Source
from fabriek.participation.models import OutflowStatus, Participation

D = datetime.date
TODAY = D(2026, 6, 30)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MOST = bounds.EMPLOYEES.maximum


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(datetime.datetime(2026, 6, 30, 12, tzinfo=AMSTERDAM), tick=False):
        yield


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


def stored(obj: Any) -> Any:
    obj.full_clean(validate_unique=False)  # the bounds' validators accept it...
    obj.save()  # ...and so do the database's constraints
    return obj


def report(*args: str) -> dict[str, Any]:
    out = StringIO()
    with translation.override("en"):
        call_command("report", "--programme", "ofd", *args, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def url(name: str, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse(f"reporting:{name}", kwargs={"programme": "ofd"}) + (f"?{query}" if query else "")


@pytest.fixture
def extremes(world: Any) -> Any:
    ofd = world.ofd
    # The world's company: a stay from 2016-03-01 (going on), 2 employees on 2016-03-01 (its baseline).
    # In 2017 it reaches the largest headcount, interns, FTE and revenue the bounds allow.
    stored(
        Observation(
            company=ofd.company,
            programme=ofd.programme,
            observed_on=D(2017, 6, 1),
            employees=MOST,
            interns=bounds.INTERNS.maximum,
            fte=Decimal(bounds.FTE.maximum),
            revenue_cents=bounds.REVENUE_CENTS.maximum,
            source=Source.STAFF,
        )
    )
    # Today: the latest figure allowed, with the lowest revenue.
    stored(
        Observation(
            company=ofd.company,
            programme=ofd.programme,
            observed_on=TODAY,
            employees=MOST,
            interns=0,
            revenue_cents=bounds.REVENUE_CENTS.minimum,
            source=Source.SURVEY,
        )
    )
    # A company founded on the first day allowed, with a figure of that day, and a stay in 1990.
    old = CompanyFactory(founded_on=bounds.EARLIEST_HISTORY)
    old.programmes.add(ofd.programme)
    stored(
        Observation(
            company=old, programme=ofd.programme, observed_on=bounds.EARLIEST_HISTORY, employees=MOST, source=Source.KVK
        )
    )
    stored(
        Participation(
            company=old,
            programme=ofd.programme,
            location=ofd.location,
            package=ofd.package,
            started_on=bounds.EARLIEST_ACTIVITY,
            ended_on=D(1990, 12, 31),
            outflow_status=OutflowStatus.STOPPED,
        )
    )
    # A stay planned on the last day allowed, and events at both ends of the activity range.
    planned = CompanyFactory()
    planned.programmes.add(ofd.programme)
    stored(
        Participation(
            company=planned,
            programme=ofd.programme,
            location=ofd.location,
            package=ofd.package,
            started_on=bounds.latest_activity(),
        )
    )
    first_moment = datetime.datetime(1990, 1, 1, 0, 0, tzinfo=AMSTERDAM)
    last_day = bounds.latest_activity()
    last_moment = datetime.datetime(last_day.year, last_day.month, last_day.day, 23, 59, tzinfo=AMSTERDAM)
    for starts_at, ends_at in ((first_moment, first_moment), (last_moment, last_moment)):
        stored(
            Event(programme=ofd.programme, title="Edge", kind=Event.Kind.OTHER, starts_at=starts_at, ends_at=ends_at)
        )
    return world


def test_the_reports_count_the_largest_figures_exactly(extremes: Any) -> None:
    jobs = report("jobs-created", "--from", "2017-01-01", "--to", "2017-12-31")
    # 100,000 on 2017-06-01 against the baseline of 2 (the 1990 stay and the planned one are outside 2017)
    assert (jobs["gross"], jobs["net"], jobs["companies_counted"]) == (MOST - 2, MOST - 2, 1)

    table = report("inflow-outflow", "--on", "2017-12-31")
    assert table["current"] == {"participants": 1, "employees": MOST, "interns": MOST}
    assert table["outflow"] == {"participants": 1, "employees": 0, "interns": 0}  # the 1990 stay ended

    today = report("inflow-outflow", "--on", TODAY.isoformat())
    assert today["current"] == {"participants": 1, "employees": MOST, "interns": 0}


@pytest.mark.parametrize(
    "page",
    [
        url("dashboard"),
        url("inflow-outflow", on=TODAY.isoformat()),
        url("inflow-outflow", on="1990-06-30"),
        url("inflow-outflow-companies", on="2017-12-31", row="current", column="employees"),
        url("inflow-outflow-export", on="2017-12-31", format="csv"),
        url("inflow-outflow-export", on="2017-12-31", format="xlsx"),
        url("jobs-created", **{"from": "1990-01-01", "to": TODAY.isoformat()}),
        url("jobs-created", **{"from": "2017-01-01", "to": "2017-12-31"}),
        url("jobs-created-companies", **{"from": "2017-01-01", "to": "2017-12-31"}),
        url("jobs-created-export", **{"from": "2017-01-01", "to": "2017-12-31", "format": "xlsx"}),
        url(
            "indicators-export",
            **{"from": "1990-01-01", "to": bounds.latest_activity(TODAY).isoformat(), "format": "csv"},
        ),
        url("coverage-companies", on=TODAY.isoformat()),
    ],
)
def test_every_report_page_and_export_answers_for_the_extremes(client: Any, extremes: Any, page: str) -> None:
    client.force_login(extremes.users[Role.STAFF])

    response = client.get(page)

    assert response.status_code == 200, page


def test_the_jobs_page_shows_the_largest_number(client: Any, extremes: Any) -> None:
    client.force_login(extremes.users[Role.FUNDER])

    response = client.get(url("jobs-created", **{"from": "2017-01-01", "to": "2017-12-31"}))

    assert response.status_code == 200
    numbers = {number["key"]: number["value"] for number in response.context["numbers"]}
    assert (numbers["gross"], numbers["net"]) == (MOST - 2, MOST - 2)
