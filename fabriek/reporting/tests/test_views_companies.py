"""The records behind a number: the companies behind a cell or figure (staff; location managers filtered to
their location), and the events, partners, locations, mentors and people behind the other indicators."""

import datetime
from io import StringIO
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from fabriek.accounts.models import Role, User
from fabriek.programmes.models import Programme
from fabriek.reporting.indicators import indicators
from fabriek.reporting.tests import scenario


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def history(world: SimpleNamespace) -> SimpleNamespace:
    return scenario.build(world)


def url(name: str, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse(f"reporting:{name}", kwargs={"programme": "ofd"}) + (f"?{query}" if query else "")


def get(client: Client, world: SimpleNamespace, role: str, name: str, **params: str) -> Any:
    client.force_login(world.users[role])
    return client.get(url(name, **params))


def listed(response: Any) -> list[str]:
    """The companies on the page, sorted here: the page sorts by name in the database's collation, which may
    ignore punctuation."""
    return sorted(row["company"].name for row in response.context["rows"])


def test_staff_see_the_companies_behind_the_inflow(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(
        client, world, Role.STAFF, "inflow-outflow-companies", on="2017-05-31", row="inflow", column="participants"
    )

    assert response.status_code == 200
    assert listed(response) == sorted(scenario.names(history))
    assert response.context["total"] == 6


def test_the_employees_cell_lists_only_the_companies_that_add_employees_and_totals_them(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(
        client, world, Role.STAFF, "inflow-outflow-companies", on="2017-05-31", row="current", column="employees"
    )

    assert listed(response) == sorted([history.w.name, "@At Growth", "Krimp BV"])
    totals = [cell["value"] for cell in response.context["totals"]]
    assert totals == ["", 10, 2, ""]  # the cell's 10 employees, and their 2 interns
    assert (
        f'href="{reverse("companies:company-detail", kwargs={"programme": "ofd", "pk": history.e.pk})}"'
        in response.content.decode()
    )


def test_the_freelancer_outflow_lists_the_company_with_its_zero_employees(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(
        client, world, Role.STAFF, "inflow-outflow-companies", on="2017-05-31", row="freelancer", column="participants"
    )

    rows = response.context["rows"]
    assert [(row["company"].name, [cell["value"] for cell in row["cells"]]) for row in rows] == [
        ("+Plus Freelance", ["Active as freelancer (ZZP)", 0, 0, "no"])
    ]


def test_a_location_manager_sees_only_the_companies_of_their_location_and_is_told_so(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(
        client,
        world,
        Role.LOCATION_MANAGER,
        "inflow-outflow-companies",
        on="2017-05-31",
        row="inflow",
        column="participants",
    )

    assert response.status_code == 200
    assert listed(response) == sorted([history.w.name, "-Minus Missing", "@At Growth", "Krimp BV"])
    assert response.context["totals"] is None
    assert (
        "This list is filtered: only the companies that stayed at your location are listed, 4 of the 6"
        in response.content.decode()
    )


def test_a_location_manager_gets_an_empty_list_for_a_cell_of_other_locations(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(
        client,
        world,
        Role.LOCATION_MANAGER,
        "inflow-outflow-companies",
        on="2017-05-31",
        row="entrepreneur",
        column="participants",
    )

    assert listed(response) == []
    assert "=Formula BV" not in response.content.decode()


@pytest.mark.parametrize(
    ("key", "expected", "change_total"),
    [
        ("gross", ["=Formula BV", "@At Growth"], 5),
        ("net", ["=Formula BV", "@At Growth", "Krimp BV", "W"], 3),
        ("companies_counted", ["=Formula BV", "@At Growth", "Krimp BV", "W"], 3),
        ("companies_missing_baseline", ["-Minus Missing"], 0),
        ("participants", ["-Minus Missing", "=Formula BV", "@At Growth", "Krimp BV", "W"], 3),
    ],
)
def test_the_companies_behind_each_jobs_number(client, world, history, key, expected, change_total) -> None:  # type: ignore[no-untyped-def]
    response = get(
        client, world, Role.STAFF, "jobs-created-companies", **{"from": "2017-01-01", "to": "2017-12-31", "key": key}
    )

    names = [history.w.name if name == "W" else name for name in expected]
    assert listed(response) == sorted(names)
    assert response.context["totals"][-1]["value"] == change_total


def test_the_companies_behind_the_data_coverage_of_a_period(client, world, history) -> None:  # type: ignore[no-untyped-def]
    stale = get(
        client, world, Role.STAFF, "coverage-companies", **{"on": "2017-12-31", "from": "2017-01-01", "key": "stale"}
    )
    alumni = get(
        client,
        world,
        Role.STAFF,
        "coverage-companies",
        **{"on": "2017-12-31", "from": "2017-01-01", "key": "alumni_without_follow_up"},
    )

    assert listed(stale) == [history.w.name]
    assert listed(alumni) == ["=Formula BV"]
    assert stale.context["back"] == url("jobs-created", **{"from": "2017-01-01", "to": "2017-12-31"})


def test_the_companies_without_figures_on_a_date(client, world, history) -> None:  # type: ignore[no-untyped-def]
    response = get(client, world, Role.STAFF, "coverage-companies", on="2017-05-31", key="without_figures")

    assert listed(response) == ["-Minus Missing"]
    assert response.context["back"] == url("inflow-outflow", on="2017-05-31")


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("inflow-outflow-companies", {"on": "2017-05-31", "row": "nonsense"}),
        ("inflow-outflow-companies", {"on": "2017-05-31", "column": "nonsense"}),
        ("jobs-created-companies", {"key": "nonsense"}),
        ("coverage-companies", {"key": "nonsense"}),
        ("indicator-records", {"key": "jobs_created"}),
    ],
)
def test_an_unknown_number_gives_404(client, world, history, name, params) -> None:  # type: ignore[no-untyped-def]
    assert get(client, world, Role.STAFF, name, **params).status_code == 404


def test_a_list_of_companies_costs_the_same_number_of_queries_for_5_and_for_50_companies(
    client, world, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(world.users[Role.STAFF])
    address = url("inflow-outflow-companies", on="2017-05-31", row="inflow", column="participants")
    counts = []
    for add, first, rows in ((4, 0, 5), (45, 4, 25)):
        scenario.add_companies(world, add, first=first)
        with django_assert_max_num_queries(23) as cold:  # computes and stores the default day, the table, the order
            assert len(client.get(address).context["rows"]) == rows
        with django_assert_max_num_queries(8) as warm:  # reads them, and the page's own companies
            assert len(client.get(address + "&page=2").context["rows"]) == rows
        counts.append((len(cold.captured_queries), len(warm.captured_queries)))

    assert counts[0] == counts[1]


# -- the other indicators ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "role", "status"),
    [
        ("events", Role.FUNDER, 200),
        ("events", Role.PARTICIPANT, 200),
        ("partners", Role.FUNDER, 200),
        ("partners", Role.PARTNER, 403),
        ("people_reached", Role.STAFF, 200),
        ("people_reached", Role.LOCATION_MANAGER, 403),
        ("people_reached", Role.FUNDER, 403),
        ("mentors", Role.LOCATION_MANAGER, 200),
        ("mentors", Role.FUNDER, 403),
        ("mentors", Role.MENTOR, 403),
        ("physical_locations", Role.MENTOR, 200),
    ],
)
def test_the_records_behind_an_indicator_are_shown_to_those_who_see_such_records_elsewhere(
    client, world, key, role, status
) -> None:  # type: ignore[no-untyped-def]
    response = get(client, world, role, "indicator-records", key=key)

    assert response.status_code == status


@pytest.fixture
def demo(db) -> Programme:  # type: ignore[no-untyped-def]
    call_command("load_demo", stdout=StringIO())
    return Programme.objects.get(slug="ofd")


def test_with_the_demo_each_list_of_records_is_exactly_as_long_as_its_indicator(client, demo) -> None:  # type: ignore[no-untyped-def]
    client.force_login(User.objects.get(username="staff"))
    for start, end in [("2017-01-01", "2019-12-31"), ("2018-01-01", "2018-12-31")]:
        values = {
            value.key: value.value
            for value in indicators(
                programme=demo, start=datetime.date.fromisoformat(start), end=datetime.date.fromisoformat(end)
            )
        }
        for key in ("events", "people_reached", "partners", "physical_locations", "other_locations", "mentors"):
            response = client.get(url("indicator-records", key=key, **{"from": start, "to": end}))
            assert (key, response.context["page"].paginator.count) == (key, values[key])
        participants = client.get(url("jobs-created-companies", key="participants", **{"from": start, "to": end}))
        assert participants.context["total"] == values["participants"]


def test_with_the_demo_the_dashboards_numbers_link_to_their_records_for_staff_and_not_for_the_funder(
    client, demo
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(User.objects.get(username="staff"))
    staff = client.get(url("dashboard", **{"from": "2017-01-01", "to": "2019-12-31"}))
    client.force_login(User.objects.get(username="provincie"))
    funder = client.get(url("dashboard", **{"from": "2017-01-01", "to": "2019-12-31"}))

    staff_links = {card["value"].key: card["link"] for card in staff.context["cards"]}
    funder_links = {card["value"].key: card["link"] for card in funder.context["cards"]}
    assert staff_links["participants"] == url(
        "jobs-created-companies", **{"from": "2017-01-01", "to": "2019-12-31", "key": "participants"}
    )
    assert staff_links["jobs_created"] == url(
        "jobs-created-companies", **{"from": "2017-01-01", "to": "2019-12-31", "key": "gross"}
    )
    assert all(staff_links.values())
    # the funder: events, partners and locations, never companies or people
    assert sorted(key for key, link in funder_links.items() if link) == [
        "events",
        "other_locations",
        "partners",
        "physical_locations",
    ]
    page = funder.content.decode()
    assert "/companies/" not in page
    assert "people_reached" not in "".join(link for link in funder_links.values() if link)
