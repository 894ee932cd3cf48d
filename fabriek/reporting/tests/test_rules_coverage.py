"""Data coverage beside the figures: missing baselines, missing and stale figures, alumni without follow-up."""

import pytest

from fabriek.reporting import rules
from fabriek.reporting.tests.histories import company, d, figure, make_programme, stay


@pytest.fixture
def world(db):
    return make_programme()


def coverage(world, on, start=None):
    return rules.data_coverage(programme=world.programme, on=d(on), start=d(start) if start else None)


def test_a_company_with_a_baseline_and_a_recent_figure_is_fully_covered(world):
    acme = company(world)
    stay(world, acme, "2017-01-01")
    figure(acme, "2017-01-01", 2)
    figure(acme, "2018-03-01", 3)

    result = coverage(world, "2018-06-30")

    assert result.as_dict() == {
        "programme": "ofd",
        "on": "2018-06-30",
        "from": None,
        "companies": 1,
        "missing_baseline": 0,
        "without_figures": 0,
        "stale": 0,
        "alumni_without_follow_up": 0,
        "long_stays_without_reason": 0,
        "recent_figure": 1,
    }


def test_companies_missing_a_baseline_are_listed(world):
    late, none, fine = company(world), company(world), company(world)
    stay(world, late, "2017-01-01")
    figure(late, "2017-04-02", 2)  # day 91
    stay(world, none, "2017-01-01")
    stay(world, fine, "2017-01-01")
    figure(fine, "2017-04-01", 2)  # day 90

    result = coverage(world, "2017-12-31")

    assert result.missing_baseline == tuple(sorted([late.pk, none.pk]))
    assert result.without_figures == (none.pk,)


def test_a_baseline_after_the_report_date_is_not_known_yet(world):
    acme = company(world)
    stay(world, acme, "2017-06-01")
    figure(acme, "2017-07-01", 2)

    assert coverage(world, "2017-06-30").missing_baseline == (acme.pk,)
    assert coverage(world, "2017-07-01").missing_baseline == ()


def test_a_latest_figure_more_than_12_months_before_the_report_date_is_stale(world):
    exactly_a_year, a_day_more = company(world), company(world)
    stay(world, exactly_a_year, "2016-01-01")
    figure(exactly_a_year, "2017-06-30", 2)
    stay(world, a_day_more, "2016-01-01")
    figure(a_day_more, "2017-06-29", 2)

    result = coverage(world, "2018-06-30")

    assert result.stale == (a_day_more.pk,)


def test_a_figure_from_the_12_months_up_to_the_report_date_is_recent_from_whatever_source(world):
    exactly_a_year, a_day_more, by_survey, after_the_date, none = (company(world) for _ in range(5))
    for acme in (exactly_a_year, a_day_more, by_survey, after_the_date, none):
        stay(world, acme, "2016-01-01")
    figure(exactly_a_year, "2017-06-30", 2)  # exactly 12 months before: recent
    figure(a_day_more, "2017-06-29", 2)  # a day more: stale
    figure(by_survey, "2018-06-30", 1, source="survey")
    figure(after_the_date, "2018-07-01", 2)  # after the report date: not known on it

    result = coverage(world, "2018-06-30")

    assert result.recent_figure == (exactly_a_year.pk, by_survey.pk)
    assert set(result.companies) == set(result.recent_figure) | set(result.stale) | set(result.without_figures)


def test_alumni_within_two_years_without_a_figure_after_leaving_are_listed(world):
    silent, exit_figure_only, followed_up, long_gone, current = (company(world) for _ in range(5))
    for acme in (silent, exit_figure_only, followed_up):
        stay(world, acme, "2016-01-01", "2017-06-30", status="entrepreneur")
        figure(acme, "2016-01-01", 1)
    figure(exit_figure_only, "2017-06-30", 2)  # on the leaving day: not a follow-up
    figure(followed_up, "2017-07-01", 2)
    stay(world, long_gone, "2014-01-01", "2016-06-28", status="entrepreneur")  # two years ended the day before
    figure(long_gone, "2014-01-01", 1)
    stay(world, current, "2016-01-01")
    figure(current, "2016-01-01", 1)

    result = coverage(world, "2018-06-29")

    assert result.alumni_without_follow_up == tuple(sorted([silent.pk, exit_figure_only.pk]))


def test_the_two_year_window_of_alumni_includes_its_last_day_and_29_february_ends_on_28_february(world):
    acme = company(world)
    stay(world, acme, "2015-01-01", "2016-02-29", status="freelancer")
    figure(acme, "2015-01-01", 1)

    assert coverage(world, "2018-02-28").alumni_without_follow_up == (acme.pk,)
    assert coverage(world, "2018-03-01").alumni_without_follow_up == ()


def test_with_a_period_only_the_jobs_cohort_is_looked_at(world):
    left_before, in_period = company(world), company(world)
    stay(world, left_before, "2015-01-01", "2016-12-31", status="entrepreneur")
    stay(world, in_period, "2017-03-01")

    result = coverage(world, "2017-12-31", start="2017-01-01")

    assert result.companies == (in_period.pk,)
    assert result.without_figures == (in_period.pk,)
