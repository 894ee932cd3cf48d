"""The report pages: the same numbers as the `report` command, for the roles that may see them, with the
companies behind them only for those who may see companies, and a fixed number of queries."""

import datetime
import html
import json
import re
from io import StringIO
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from fabriek.accounts.models import Role
from fabriek.programmes.models import Target
from fabriek.reporting.tests import scenario


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    """The pages in English, so texts can be compared; the numbers do not depend on the language."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def history(world: SimpleNamespace) -> SimpleNamespace:
    return scenario.build(world)


def url(name: str, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse(f"reporting:{name}", kwargs={"programme": "ofd"}) + (f"?{query}" if query else "")


def as_role(client: Client, world: SimpleNamespace, role: str) -> Client:
    client.force_login(world.users[role])
    return client


def report(*args: str) -> dict[str, Any]:
    out = StringIO()
    with translation.override("en"):
        call_command("report", "--programme", "ofd", *args, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def page_table(response: Any) -> dict[str, Any]:
    """The in/outflow page's table in the shape of the report's JSON."""
    rows = {row["key"]: {cell["column"]: cell["value"] for cell in row["cells"]} for row in response.context["rows"]}
    return {
        "inflow": rows["inflow"],
        "current": rows["current"],
        "outflow": rows["outflow"],
        "outflow_by_status": {status: rows[status] for status in ("entrepreneur", "freelancer", "employed", "stopped")},
        "missing_figures": response.context["missing_figures"],
    }


def text(response: Any) -> str:
    """The page's visible text, tags removed and white space collapsed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


# -- the same numbers as the report command ------------------------------------------------------------------


def test_the_in_outflow_page_shows_the_report_commands_table(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("inflow-outflow", on="2017-05-31"))

    assert response.status_code == 200
    expected = report("inflow-outflow", "--on", "2017-05-31")
    assert expected == scenario.INFLOW_OUTFLOW_ON
    assert page_table(response) == {key: value for key, value in expected.items() if key not in ("programme", "on")}
    assert "Inflow and outflow on 31 May 2017" in text(response)


def test_the_in_outflow_table_is_laid_out_like_the_seeds_table(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("inflow-outflow", on="2017-05-31"))

    labels = [row["label"] for row in response.context["rows"]]
    assert labels == [
        "Total inflow",
        "Of which participating on 31 May 2017",
        "Total outflow",
        "Outflow: still active as entrepreneur",
        "Outflow: active as freelancer (ZZP)",
        "Outflow: in paid employment",
        "Outflow: stopped",
    ]
    assert list(response.context["columns"].values()) == ["Participants", "Employees", "Interns"]
    page = text(response)
    assert "Total inflow 6 14 3" in page
    assert "Of which participating on 31 May 2017 4 10 2" in page
    assert "Outflow: still active as entrepreneur 1 4 1" in page
    assert "1 company without any figure on or before this date" in page


def test_the_jobs_page_shows_the_report_commands_numbers(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("jobs-created", **{"from": "2017-01-01", "to": "2017-12-31"}))

    assert response.status_code == 200
    expected = report("jobs-created", "--from", "2017-01-01", "--to", "2017-12-31")
    assert expected == scenario.JOBS_2017
    numbers = {number["key"]: number["value"] for number in response.context["numbers"]}
    assert numbers == {
        key: expected[key] for key in ("gross", "net", "companies_counted", "companies_missing_baseline")
    }


def test_the_jobs_page_lists_every_company_with_its_baseline_and_change_for_staff(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("jobs-created", **{"from": "2017-01-01", "to": "2017-12-31"}))

    detail = {
        company.name: (row.baseline, row.current, row.change) for company, row, _status in response.context["detail"]
    }
    assert detail == {
        history.w.name: (2, 2, 0),
        "=Formula BV": (1, 4, 3),
        "-Minus Missing": (None, None, None),
        "@At Growth": (1, 3, 2),
        "Krimp BV": (5, 3, -2),
    }
    assert "no baseline" in text(response)


def test_the_dashboard_shows_the_report_commands_indicators_with_their_targets(client, world, history) -> None:  # type: ignore[no-untyped-def]
    Target.objects.create(plan_period=world.ofd.plan, indicator="jobs_created", value=30)
    Target.objects.create(plan_period=world.ofd.plan, indicator="participants", value=12)

    response = as_role(client, world, Role.STAFF).get(url("dashboard", **{"from": "2017-01-01", "to": "2019-12-31"}))

    assert response.status_code == 200
    expected = report("indicators", "--from", "2017-01-01", "--to", "2019-12-31")["indicators"]
    shown = [card["value"].as_dict() for card in response.context["cards"]]
    assert shown == expected
    jobs = next(card for card in response.context["cards"] if card["value"].key == "jobs_created")
    # the plan period 2017-2019: W 2 -> 2, A 1 -> 4, E 1 -> 3, F 5 -> 3; C has no baseline
    assert (jobs["value"].value, jobs["value"].net, jobs["value"].target, jobs["percent"]) == (5, 3, 30, 17)
    page = response.content.decode()
    assert '<progress max="30" value="5"' in page
    assert "5 of the target 30 (17%)" in text(response)
    participants = next(card for card in response.context["cards"] if card["value"].key == "participants")
    assert (participants["value"].value, participants["value"].target) == (5, 12)  # B left in 2016


def test_the_dashboards_yearly_charts_show_each_years_figure_and_target(client, world, history) -> None:  # type: ignore[no-untyped-def]
    Target.objects.create(plan_period=world.ofd.plan, indicator="participants", value=12)

    response = as_role(client, world, Role.STAFF).get(url("dashboard", **{"from": "2017-01-01", "to": "2019-12-31"}))

    card = next(card for card in response.context["cards"] if card["value"].key == "participants")
    chart = card["chart"]
    # 2017: W, A, C, E, F (B left in 2016); 2018 and 2019: W, C, E, F. Targets: 12 pro-rated per year.
    assert [(bar.label, bar.value, bar.target) for bar in chart.bars] == [
        ("2017", 5, 4),
        ("2018", 4, 4),
        ("2019", 4, 4),
    ]
    assert chart.description == "Per year: 2017: 5 (target 4); 2018: 4 (target 4); 2019: 4 (target 4)."
    assert f'<title id="chart-participants">{chart.description}</title>' in response.content.decode()


def test_the_dashboard_says_that_yearly_figures_do_not_add_up_to_the_plan_period(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.FUNDER).get(url("dashboard"))

    assert (
        "Alumni who left before the period belong to the periods in which they participated. So the figures of "
        "the separate years do not add up to the figure of the whole plan period." in text(response)
    )


def test_each_indicator_on_the_dashboard_carries_its_definition(client, world, history) -> None:  # type: ignore[no-untyped-def]
    from fabriek.reporting.indicators import definition

    response = as_role(client, world, Role.MENTOR).get(url("dashboard"))

    page = text(response)
    assert page.count("How is this computed?") == 9  # eight indicators and the data coverage
    for card in response.context["cards"]:
        clause_text, target_note = (" ".join(part.split()) for part in definition(card["value"].key).split(" Target: "))
        assert card["value"].clause.heading in page
        assert clause_text in page and f"Target: {target_note}" in page


def test_the_dashboard_shows_the_data_coverage_of_the_period(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("dashboard", **{"from": "2017-01-01", "to": "2017-12-31"}))

    coverage = {item["key"]: item["count"] for item in response.context["coverage"]}
    # on 2017-12-31, of W, A, C, E, F: C has no figure (and so no baseline); W's latest is of 2016-03-01;
    # A left on 2017-03-31 and has no figure since
    # W's stay (since 2016-03-01) is not yet over two years on 2017-12-31
    assert coverage == {
        "recent_figure": 3,  # A, E and F: the five less C (no figure) and W (stale)
        "missing_baseline": 1,
        "without_figures": 1,
        "stale": 1,
        "alumni_without_follow_up": 1,
        "long_stays_without_reason": 0,
    }
    assert response.context["coverage_companies"] == 5


# -- defaults ------------------------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2018, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_dashboard_opens_on_the_running_plan_period_and_offers_each_of_its_years(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("dashboard"))

    chosen = response.context["chosen"]
    assert (chosen.start, chosen.end) == (datetime.date(2017, 1, 1), datetime.date(2019, 12, 31))
    assert [(choice["label"], choice["current"]) for choice in response.context["choices"]] == [
        ("Plan period 2017-2019", True),
        ("2017", False),
        ("2018", False),
        ("2019", False),
    ]
    assert response.context["choices"][2]["url"] == url("dashboard", **{"from": "2018-01-01", "to": "2018-12-31"})


@time_machine.travel(datetime.datetime(2021, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_in_outflow_page_opens_on_the_last_day_with_records_when_the_records_end_before_today(
    client, world, history
) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("inflow-outflow"))

    # the latest record is F's figure of 2017-06-01
    assert response.context["on"] == datetime.date(2017, 6, 1)
    assert "Without a date the table shows 1 June 2017, the last day with records" in text(response)


@time_machine.travel(datetime.datetime(2017, 5, 31, 12, tzinfo=datetime.UTC), tick=False)
def test_the_in_outflow_page_opens_on_today_when_there_are_records_of_today_or_later(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("inflow-outflow"))

    assert response.context["on"] == datetime.date(2017, 5, 31)
    assert page_table(response)["inflow"] == scenario.INFLOW_OUTFLOW_ON["inflow"]


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message_and_the_default_shown(
    client, world, history
) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("jobs-created", **{"from": "2018-01-01", "to": "2017-01-01"}))

    assert response.status_code == 400
    assert "The period ends (2017-01-01) before it starts (2018-01-01)." in text(response)
    assert (response.context["start"], response.context["end"]) == (
        datetime.date(2017, 1, 1),
        datetime.date(2019, 12, 31),
    )


def test_a_date_that_is_not_a_date_is_refused_with_a_message(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("inflow-outflow", on="31-31-2017"))

    assert response.status_code == 400
    assert "Enter a valid date." in text(response)


# -- who sees what -----------------------------------------------------------------------------------------------


REPORT_PAGES = [
    ("dashboard", {"from": "2017-01-01", "to": "2017-12-31"}),
    ("inflow-outflow", {"on": "2017-05-31"}),
    ("jobs-created", {"from": "2017-01-01", "to": "2017-12-31"}),
]


@pytest.mark.parametrize(("name", "params"), REPORT_PAGES, ids=[name for name, _ in REPORT_PAGES])
def test_the_funder_sees_the_figures_but_no_company_names_and_no_links_to_companies(
    client, world, history, name, params
) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.FUNDER).get(url(name, **params))

    assert response.status_code == 200
    page = response.content.decode()
    for company_name in scenario.names(history):
        assert company_name not in page
    for letter in ("w", "a", "b", "c", "e", "f"):
        assert getattr(history, letter).kvk_number not in page
    assert "/companies/" not in page


def test_the_funder_sees_the_same_in_outflow_numbers_as_staff(client, world, history) -> None:  # type: ignore[no-untyped-def]
    funder = page_table(as_role(client, world, Role.FUNDER).get(url("inflow-outflow", on="2017-05-31")))
    staff = page_table(as_role(client, world, Role.STAFF).get(url("inflow-outflow", on="2017-05-31")))

    assert funder == staff


def test_staff_reach_the_companies_behind_every_non_zero_cell(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("inflow-outflow", on="2017-05-31"))

    links = {
        (row["key"], cell["column"]): cell["link"]
        for row in response.context["rows"]
        for cell in row["cells"]
        if cell["value"]
    }
    assert links[("inflow", "participants")] == url(
        "inflow-outflow-companies", on="2017-05-31", row="inflow", column="participants"
    )
    assert all(links.values())
    assert response.context["missing_link"] == url("coverage-companies", on="2017-05-31", key="without_figures")


@pytest.mark.parametrize("role", [Role.MENTOR, Role.PARTNER, Role.PARTICIPANT])
def test_mentors_partners_and_participants_see_the_dashboard_without_links_to_companies(
    client, world, history, role
) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, role).get(url("dashboard", **{"from": "2017-01-01", "to": "2017-12-31"}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "/reports/jobs-created/companies/" not in page
    assert "/reports/coverage/companies/" not in page
    assert all(item["link"] is None for item in response.context["coverage"])


def test_a_location_manager_sees_the_programmes_figures_and_only_their_locations_companies(
    client, world, history
) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.LOCATION_MANAGER).get(
        url("jobs-created", **{"from": "2017-01-01", "to": "2017-12-31"})
    )

    numbers = {number["key"]: number["value"] for number in response.context["numbers"]}
    assert numbers["gross"] == 5
    assert sorted(company.name for company, _row, _status in response.context["detail"]) == sorted(
        [history.w.name, "-Minus Missing", "@At Growth", "Krimp BV"]
    )
    assert "Only the companies that stayed at your location are listed: 4 of the 5 in the figures above." in text(
        response
    )


# -- bounded queries ---------------------------------------------------------------------------------------------

QUERY_BOUNDS = {
    # name: (parameters, queries when the figures are computed, queries when they are stored already)
    # the dashboard: four runs of the eight indicators (the plan period and its three years), about ten each
    "dashboard": ({"from": "2017-01-01", "to": "2019-12-31"}, 80, 16),
    "inflow-outflow": ({"on": "2017-05-31"}, 23, 8),
    "jobs-created": ({"from": "2017-01-01", "to": "2017-12-31"}, 25, 10),
}


def _without_tokens(response) -> str:  # type: ignore[no-untyped-def]
    """The page without what differs on every response (the CSRF token, the CSP nonce)."""
    return re.sub(r"[A-Za-z0-9+/=_-]{40,}", "", response.content.decode())


@pytest.mark.parametrize("name", sorted(QUERY_BOUNDS))
def test_a_report_page_costs_the_same_number_of_queries_for_5_and_for_50_companies(
    client, world, django_assert_max_num_queries, name
) -> None:  # type: ignore[no-untyped-def]
    params, computing, stored = QUERY_BOUNDS[name]
    client = as_role(client, world, Role.STAFF)
    counts = []
    for add, first in ((4, 0), (45, 4)):  # the world's own company and 4, then 49
        scenario.add_companies(world, add, first=first)
        with django_assert_max_num_queries(computing) as cold:
            first_response = client.get(url(name, **params))
        with django_assert_max_num_queries(stored) as warm:
            second_response = client.get(url(name, **params))
        assert first_response.status_code == second_response.status_code == 200
        counts.append((len(cold.captured_queries), len(warm.captured_queries)))
        # the second visit shows the same page, from the stored figures
        assert _without_tokens(first_response) == _without_tokens(second_response)

    assert counts[0] == counts[1]
    assert counts[0][1] < counts[0][0]


# -- the demo tells the seed's story ---------------------------------------------------------------------------


@pytest.fixture
def demo(db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo", stdout=StringIO())


def test_with_the_demo_the_in_outflow_page_shows_the_seeds_table_of_may_2017(client, demo) -> None:  # type: ignore[no-untyped-def]
    from fabriek.accounts.models import User

    client.force_login(User.objects.get(username="provincie"))

    response = client.get(url("inflow-outflow", on="2017-05-31"))

    table = page_table(response)
    assert table["inflow"] == {"participants": 42, "employees": 67, "interns": 16}
    assert table["current"] == {"participants": 26, "employees": 17, "interns": 12}
    assert table["outflow"] == {"participants": 16, "employees": 50, "interns": 4}
    assert table["outflow_by_status"]["entrepreneur"] == {"participants": 7, "employees": 50, "interns": 4}
    assert table["outflow_by_status"]["freelancer"]["participants"] == 6
    assert table["outflow_by_status"]["employed"]["participants"] == 3
    assert table == {
        key: value
        for key, value in report("inflow-outflow", "--on", "2017-05-31").items()
        if key not in ("programme", "on")
    }


def test_with_the_demo_the_staff_dashboard_shows_the_plan_periods_indicators(client, demo) -> None:  # type: ignore[no-untyped-def]
    from fabriek.accounts.models import User

    client.force_login(User.objects.get(username="staff"))

    response = client.get(url("dashboard", **{"from": "2017-01-01", "to": "2019-12-31"}))

    assert response.status_code == 200
    expected = report("indicators", "--from", "2017-01-01", "--to", "2019-12-31")["indicators"]
    assert [card["value"].as_dict() for card in response.context["cards"]] == expected
    assert [card["value"].target for card in response.context["cards"]] == [18, 300, 150, 25, 3, 2, 15, 150]
    # every indicator has a chart of the three plan years
    assert all(len(card["chart"].bars) == 3 for card in response.context["cards"])


@time_machine.travel(datetime.datetime(2018, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_without_a_plan_period_the_dashboard_shows_this_calendar_year_without_targets(client, world, history) -> None:  # type: ignore[no-untyped-def]
    world.ofd.plan.delete()

    response = as_role(client, world, Role.STAFF).get(url("dashboard"))

    chosen = response.context["chosen"]
    assert (chosen.start, chosen.end, chosen.plan) == (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31), None)
    assert response.context["choices"] == []
    assert all(card["value"].target is None for card in response.context["cards"])
    # one year is charted beside the four years before it, itself selected
    bars = response.context["cards"][0]["chart"].bars
    assert [(bar.label, bar.selected) for bar in bars] == [
        ("2014", False),
        ("2015", False),
        ("2016", False),
        ("2017", False),
        ("2018", True),
    ]
    assert "The programme has no plan period, so there are no targets." in text(response)
    assert "No target for this period." in text(response)


def test_a_custom_period_is_charted_over_its_own_years(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = as_role(client, world, Role.STAFF).get(url("dashboard", **{"from": "2017-03-01", "to": "2018-02-28"}))

    assert [choice["current"] for choice in response.context["choices"]] == [False, False, False, False]
    card = next(card for card in response.context["cards"] if card["value"].key == "participants")
    # W, A (until 2017-03-31), C, E and F had a stay in the custom period
    assert card["value"].value == 5
    # the bars follow the chosen period: its parts of 2017 and 2018
    assert [bar.label for bar in card["chart"].bars] == ["2017", "2018"]
    assert not any(bar.selected for bar in card["chart"].bars)
