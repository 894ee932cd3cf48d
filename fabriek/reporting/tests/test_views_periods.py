"""Which period the report pages open on and offer (pure: plan periods are not saved)."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import translation

from fabriek.programmes.models import PlanPeriod
from fabriek.programmes.selectors import plan_period_covering
from fabriek.reporting import selectors

FIRST = PlanPeriod(pk=1, name="2017-2019", starts_on=date(2017, 1, 1), ends_on=date(2019, 12, 31))
SECOND = PlanPeriod(pk=2, name="2020-2023", starts_on=date(2020, 1, 1), ends_on=date(2023, 12, 31))
PLANS = [FIRST, SECOND]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_the_default_is_the_plan_period_running_today() -> None:
    assert selectors.plan_period_default(plans=PLANS, today=date(2018, 5, 1)) == FIRST
    assert selectors.plan_period_default(plans=PLANS, today=date(2020, 1, 1)) == SECOND


def test_after_the_last_plan_period_the_default_is_the_latest_and_before_the_first_the_first() -> None:
    assert selectors.plan_period_default(plans=PLANS, today=date(2026, 11, 27)) == SECOND
    assert selectors.plan_period_default(plans=PLANS, today=date(2015, 1, 1)) == FIRST
    assert selectors.plan_period_default(plans=[], today=date(2018, 5, 1)) is None


def test_the_covering_plan_period_is_the_shortest_that_covers_the_whole_period() -> None:
    overlapping = PlanPeriod(pk=3, name="2018-2022", starts_on=date(2018, 1, 1), ends_on=date(2022, 12, 31))
    same_length_later = PlanPeriod(pk=4, name="2018-2020", starts_on=date(2018, 1, 1), ends_on=date(2020, 12, 30))
    plans = [FIRST, overlapping, SECOND]

    # both FIRST (3 years) and `overlapping` (5 years) cover 2018: the shorter wins
    assert plan_period_covering(plans=plans, start=date(2018, 1, 1), end=date(2018, 12, 31)) == FIRST
    assert plan_period_covering(plans=plans, start=date(2017, 1, 1), end=date(2017, 12, 31)) == FIRST
    assert plan_period_covering(plans=plans, start=date(2019, 6, 1), end=date(2020, 6, 1)) == overlapping
    assert plan_period_covering(plans=plans, start=date(2016, 6, 1), end=date(2017, 6, 1)) is None
    # equally long (both 1,095 days): the later start wins
    assert plan_period_covering(plans=[FIRST, same_length_later], start=date(2018, 3, 1), end=date(2018, 3, 31)) == (
        same_length_later
    )


def test_the_choices_are_the_plan_period_and_each_of_its_years() -> None:
    choices = selectors.period_choices(plan=FIRST)

    assert [(c.label, c.start, c.end, c.is_plan) for c in choices] == [
        ("Plan period 2017-2019", date(2017, 1, 1), date(2019, 12, 31), True),
        ("2017", date(2017, 1, 1), date(2017, 12, 31), False),
        ("2018", date(2018, 1, 1), date(2018, 12, 31), False),
        ("2019", date(2019, 1, 1), date(2019, 12, 31), False),
    ]


def test_a_plan_period_within_one_year_is_offered_once() -> None:
    short = PlanPeriod(pk=4, name="pilot", starts_on=date(2021, 3, 1), ends_on=date(2021, 9, 30))

    assert [c.label for c in selectors.period_choices(plan=short)] == ["Plan period pilot"]


def test_the_charts_show_the_last_ten_years_of_a_long_custom_period() -> None:
    years = selectors.chart_years(start=date(2001, 5, 1), end=date(2019, 3, 31), today=date(2026, 11, 30))
    assert [year.start.year for year in years] == list(range(2010, 2020))
    assert (years[-1].start, years[-1].end) == (date(2019, 1, 1), date(2019, 3, 31))


@pytest.mark.django_db
def test_the_dashboard_and_the_indicators_use_the_same_plan_period_when_two_overlap(client, world) -> None:  # type: ignore[no-untyped-def]
    programme = world.ofd.programme  # its plan period runs 2017-2019
    longer = PlanPeriod.objects.create(
        programme=programme, name="2018-2022", starts_on=date(2018, 1, 1), ends_on=date(2022, 12, 31)
    )
    client.force_login(world.users["staff"])

    response = client.get(f"/p/{programme.slug}/?from=2018-01-01&to=2018-12-31")

    assert response.status_code == 200
    chosen = response.context["chosen"].plan
    assert chosen == world.ofd.plan != longer
    assert {card["value"].plan_period for card in response.context["cards"]} == {chosen.name}
