"""Split by location (clause 15): each company counts at the location of its latest stay, so the locations add
up to the programme; the pages offer the split and keep it in their links and downloads."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from fabriek.participation.models import Participation
from fabriek.reporting import rules, selectors
from fabriek.reporting.indicators import indicators
from fabriek.reporting.tests import scenario

ON = scenario.ON
START, END = scenario.YEAR


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def history(world: SimpleNamespace) -> SimpleNamespace:
    return scenario.build(world)


def add(tables: list[dict[str, Any]]) -> dict[str, Any]:
    """The cell-by-cell sum of in/outflow tables as_dict (without programme and date)."""
    total: dict[str, Any] = {}
    for table in tables:
        for key, value in table.items():
            if key in ("programme", "on"):
                continue
            if isinstance(value, int):
                total[key] = total.get(key, 0) + value
            else:
                total.setdefault(key, {})
                for row, cells in value.items():
                    if isinstance(cells, int):
                        total[key][row] = total[key].get(row, 0) + cells
                    else:
                        target = total[key].setdefault(row, {})
                        for column, number in cells.items():
                            target[column] = target.get(column, 0) + number
    return total


def test_the_in_outflow_table_per_location_is_the_hand_computed_split(world, history) -> None:
    programme = world.ofd.programme
    assen = rules.inflow_outflow(programme=programme, on=ON, location=world.ofd.location).as_dict()
    emmen = rules.inflow_outflow(programme=programme, on=ON, location=history.emmen).as_dict()

    # Assen: W, C, E, F, all participating (10 employees, 2 interns); C has no figure
    assert assen["inflow"] == {"participants": 4, "employees": 10, "interns": 2}
    assert assen["outflow"] == {"participants": 0, "employees": 0, "interns": 0}
    assert assen["missing_figures"] == 1
    # Emmen: A (entrepreneur, 4/1) and B (freelancer, counts 0) left
    assert emmen["inflow"] == {"participants": 2, "employees": 4, "interns": 1}
    assert emmen["outflow_by_status"]["freelancer"] == {"participants": 1, "employees": 0, "interns": 0}


def test_the_locations_add_up_to_the_programme_also_after_a_move(world, history) -> None:
    programme = world.ofd.programme
    # F moves from Assen to Emmen: a new stay from 2017-04-01 (the old one ends the day before)
    stay = Participation.objects.get(company=history.f)
    stay.ended_on, stay.outflow_status = datetime.date(2017, 3, 31), "entrepreneur"
    stay.save()
    Participation.objects.create(
        company=history.f,
        programme=programme,
        location=history.emmen,
        package=world.ofd.package,
        started_on=datetime.date(2017, 4, 1),
    )
    locations = [world.ofd.location, history.emmen, world.ofd.other_location]

    whole = rules.inflow_outflow(programme=programme, on=ON).as_dict()
    split = [rules.inflow_outflow(programme=programme, on=ON, location=loc).as_dict() for loc in locations]
    assert add(split) == add([whole])
    assert history.f.pk in rules.inflow_outflow(programme=programme, on=ON, location=history.emmen).companies("current")

    jobs = rules.jobs_created(programme=programme, start=START, end=END).as_dict()
    jobs_split = [
        rules.jobs_created(programme=programme, start=START, end=END, location=loc).as_dict() for loc in locations
    ]
    for key in ("gross", "net", "companies_counted", "companies_missing_baseline"):
        assert sum(part[key] for part in jobs_split) == jobs[key], key

    by_key = {
        loc.pk: {v.key: v for v in indicators(programme=programme, start=START, end=END, location=loc)}
        for loc in locations
    }
    programme_wide = {v.key: v for v in indicators(programme=programme, start=START, end=END)}
    for key in ("participants", "jobs_created", "events", "people_reached"):
        assert sum(values[key].value for values in by_key.values()) == programme_wide[key].value, key
    assert all(values["mentors"].whole_programme and values["mentors"].target is None for values in by_key.values())


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("dashboard", "from=2017-01-01&to=2017-12-31"),
        ("inflow-outflow", "on=2017-05-31"),
        ("jobs-created", "from=2017-01-01&to=2017-12-31"),
    ],
)
def test_each_page_offers_the_split_and_keeps_it_in_its_links(client: Client, world, history, name, query) -> None:
    client.force_login(world.users["staff"])
    path = reverse(f"reporting:{name}", kwargs={"programme": "ofd"})

    response = client.get(f"{path}?{query}&location={history.emmen.pk}")

    assert response.status_code == 200
    content = response.content.decode()
    assert f'<option value="{history.emmen.pk}" selected>Emmen</option>' in content
    assert "Split by location: only Emmen." in content
    assert f"location={history.emmen.pk}" in content.split("export/?", 1)[1][:300]  # the download keeps it


def test_the_companies_behind_a_number_follow_the_split(client: Client, world, history) -> None:
    client.force_login(world.users["staff"])
    path = reverse("reporting:inflow-outflow-companies", kwargs={"programme": "ofd"})

    response = client.get(path, {"on": "2017-05-31", "row": "inflow", "location": history.emmen.pk})

    assert response.status_code == 200
    assert [row["company"].pk for row in response.context["rows"]] == sorted(
        [history.a.pk, history.b.pk], key=lambda pk: {history.a.pk: history.a.name, history.b.pk: history.b.name}[pk]
    )


def test_a_location_of_another_programme_is_an_error_on_the_form_and_the_page_shows_the_whole(
    client: Client, world, history
) -> None:
    client.force_login(world.users["staff"])
    path = reverse("reporting:inflow-outflow", kwargs={"programme": "ofd"})

    response = client.get(path, {"on": "2017-05-31", "location": world.other.location.pk})

    # the form with its error, as 400 (as for a bad date), over the whole programme
    assert response.status_code == 400
    assert response.context["location"] is None
    assert response.context["location_form"].errors["location"]
    export = reverse("reporting:inflow-outflow-export", kwargs={"programme": "ofd"})
    assert client.get(export, {"on": "2017-05-31", "location": "x"}).status_code == 400
    companies = reverse("reporting:inflow-outflow-companies", kwargs={"programme": "ofd"})
    assert client.get(companies, {"on": "2017-05-31", "location": "x"}).status_code == 400


@pytest.mark.parametrize(
    ("start", "end", "today", "years"),
    [
        # a plan period: its years, each clipped to it
        ("2017-01-01", "2019-12-31", "2026-11-30", [2017, 2018, 2019]),
        # a period running into the future stops at the current year, which it includes
        ("2024-01-01", "2027-12-31", "2026-11-30", [2024, 2025, 2026]),
        # one year: the years before it as well, so its bar has something to compare with
        ("2026-01-01", "2026-12-31", "2026-11-30", [2022, 2023, 2024, 2025, 2026]),
        ("2018-03-01", "2018-06-30", "2026-11-30", [2014, 2015, 2016, 2017, 2018]),
    ],
)
def test_the_year_bars_follow_the_chosen_period_and_include_the_current_year(start, end, today, years) -> None:
    found = selectors.chart_years(
        start=datetime.date.fromisoformat(start),
        end=datetime.date.fromisoformat(end),
        today=datetime.date.fromisoformat(today),
    )

    assert [period.start.year for period in found] == years
    assert found[-1].end == min(datetime.date.fromisoformat(end), datetime.date(2026, 12, 31))
