"""Jobs created in a period, hand-computed case by case."""

import pytest

from fabriek.reporting import rules
from fabriek.reporting.tests.histories import company, d, figure, make_programme, stay


@pytest.fixture
def world(db):
    return make_programme()


def jobs(world, start, end):
    return rules.jobs_created(programme=world.programme, start=d(start), end=d(end))


def only_row(result):
    [row] = result.rows
    return row


def test_an_ongoing_stay_counts_from_its_start_to_the_end_of_the_period(world):
    acme = company(world)
    stay(world, acme, "2017-03-01")
    figure(acme, "2017-03-01", 2)
    figure(acme, "2018-06-01", 5)

    result = jobs(world, "2018-01-01", "2018-12-31")

    assert result.as_dict() == {
        "programme": "ofd",
        "from": "2018-01-01",
        "to": "2018-12-31",
        "gross": 3,
        "net": 3,
        "companies_counted": 1,
        "companies_missing_baseline": 0,
    }
    row = only_row(result)
    assert (row.first_start, row.last_end, row.window_end, row.baseline_on, row.current_on) == (
        d("2017-03-01"),
        None,
        d("2018-12-31"),
        d("2017-03-01"),
        d("2018-06-01"),
    )


def test_gross_adds_the_growth_and_net_subtracts_the_losses(world):
    grows, shrinks, steady = company(world), company(world), company(world)
    for acme, before, after in ((grows, 2, 6), (shrinks, 5, 2), (steady, 4, 4)):
        stay(world, acme, "2017-01-01")
        figure(acme, "2016-12-01", before)
        figure(acme, "2017-12-01", after)

    result = jobs(world, "2017-01-01", "2017-12-31")

    assert (result.gross, result.net, result.companies_counted) == (4, 1, 3)
    assert result.companies("gross") == [grows.pk]
    assert result.companies("companies_counted") == sorted([grows.pk, shrinks.pk, steady.pk])


def test_a_company_that_came_back_counts_from_its_first_start_in_the_programme(world):
    acme = company(world)
    stay(world, acme, "2015-01-01", "2015-12-31", status="entrepreneur")
    stay(world, acme, "2018-02-01")
    figure(acme, "2014-12-01", 1)
    figure(acme, "2018-02-01", 3)
    figure(acme, "2018-11-01", 7)

    row = only_row(jobs(world, "2018-01-01", "2018-12-31"))

    assert (row.first_start, row.baseline_on, row.baseline, row.current, row.change) == (
        d("2015-01-01"),
        d("2014-12-01"),
        1,
        7,
        6,
    )


def test_a_stay_that_starts_after_the_period_does_not_count_for_it(world):
    acme = company(world)
    stay(world, acme, "2016-01-01", "2017-06-30", status="stopped")
    stay(world, acme, "2019-02-01")
    figure(acme, "2016-01-01", 2)
    figure(acme, "2018-06-01", 9)

    row = only_row(jobs(world, "2017-01-01", "2018-12-31"))

    # Only the first stay counts: it ended with "stopped", so after it the company counts 0.
    assert (row.last_end, row.status, row.window_end, row.current, row.current_zero_by_status) == (
        d("2017-06-30"),
        "stopped",
        d("2018-12-31"),
        0,
        True,
    )
    assert row.change == -2


def test_a_company_without_a_baseline_is_not_counted_and_is_listed(world):
    acme, counted = company(world), company(world)
    stay(world, acme, "2017-01-01")
    figure(acme, "2017-04-02", 5)  # 91 days after the start
    stay(world, counted, "2017-01-01")
    figure(counted, "2017-01-01", 1)

    result = jobs(world, "2017-01-01", "2017-12-31")

    assert (result.companies_counted, result.companies_missing_baseline) == (1, 1)
    assert result.companies("companies_missing_baseline") == [acme.pk]
    missing = next(row for row in result.rows if row.company_id == acme.pk)
    assert (missing.baseline, missing.current, missing.change) == (None, None, None)


@pytest.mark.parametrize(
    ("first_figure", "baseline_on"),
    [
        ("2017-01-02", "2017-01-02"),  # day 1 after the start
        ("2017-04-01", "2017-04-01"),  # day 90: included
        ("2017-04-02", None),  # day 91: too late
    ],
)
def test_without_a_figure_by_the_start_the_first_figure_within_90_days_is_the_baseline(
    world, first_figure, baseline_on
):
    acme = company(world)
    stay(world, acme, "2017-01-01")
    figure(acme, first_figure, 3)
    figure(acme, "2017-10-01", 8)

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    assert row.baseline_on == (d(baseline_on) if baseline_on else None)
    assert row.change == (5 if baseline_on else None)


def test_a_baseline_after_the_start_must_not_lie_after_the_end_of_the_period(world):
    acme = company(world)
    stay(world, acme, "2017-12-01")
    figure(acme, "2018-01-05", 3)  # within 90 days of the start, but after the period

    result = jobs(world, "2017-01-01", "2017-12-31")

    assert (result.companies_counted, result.companies_missing_baseline) == (0, 1)
    # A year later the same figure is known and serves as the baseline.
    assert only_row(jobs(world, "2017-01-01", "2018-12-31")).baseline_on == d("2018-01-05")


def test_a_baseline_after_the_start_is_the_earliest_such_figure_and_ties_go_by_source_rank(world):
    acme = company(world)
    stay(world, acme, "2017-01-01")
    figure(acme, "2017-02-01", 4, source="kvk")
    figure(acme, "2017-02-01", 6, source="survey")
    figure(acme, "2017-02-01", 5, source="self_report")
    figure(acme, "2017-03-01", 1, source="staff")
    figure(acme, "2017-09-01", 10, source="staff")

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    assert (row.baseline_on, row.baseline, row.change) == (d("2017-02-01"), 6, 4)


def test_a_figure_before_the_start_wins_over_one_just_after_it(world):
    acme = company(world)
    stay(world, acme, "2017-01-10")
    figure(acme, "2015-05-01", 2)
    figure(acme, "2017-01-11", 7)
    figure(acme, "2017-12-01", 9)

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    assert (row.baseline_on, row.baseline, row.change) == (d("2015-05-01"), 2, 7)


def test_ties_on_the_window_end_go_by_source_rank(world):
    acme = company(world)
    stay(world, acme, "2017-01-01")
    figure(acme, "2017-01-01", 1)
    figure(acme, "2017-12-31", 9, source="intake")
    figure(acme, "2017-12-31", 4, source="staff")

    assert only_row(jobs(world, "2017-01-01", "2017-12-31")).current == 4


def test_figures_after_the_end_of_the_period_are_never_used(world):
    acme = company(world)
    stay(world, acme, "2017-01-01")
    figure(acme, "2017-01-01", 1)
    figure(acme, "2017-12-31", 3)
    figure(acme, "2018-01-01", 30)

    assert only_row(jobs(world, "2017-01-01", "2017-12-31")).current == 3


def test_figures_after_two_years_from_leaving_are_not_used(world):
    acme = company(world)
    stay(world, acme, "2015-01-01", "2016-03-15", status="entrepreneur")
    figure(acme, "2015-01-01", 1)
    figure(acme, "2018-03-15", 6)  # on the window end: used
    figure(acme, "2018-03-16", 20)  # the day after: not used

    row = only_row(jobs(world, "2016-01-01", "2018-12-31"))

    assert (row.window_end, row.current_on, row.current, row.change) == (d("2018-03-15"), d("2018-03-15"), 6, 5)


def test_29_february_plus_two_years_is_28_february(world):
    acme = company(world)
    stay(world, acme, "2015-01-01", "2016-02-29", status="entrepreneur")
    figure(acme, "2015-01-01", 1)
    figure(acme, "2018-02-28", 4)
    figure(acme, "2018-03-01", 50)

    row = only_row(jobs(world, "2016-01-01", "2018-12-31"))

    assert (row.window_end, row.current, row.change) == (d("2018-02-28"), 4, 3)


def test_when_the_period_ends_within_two_years_of_leaving_the_window_ends_with_the_period(world):
    acme = company(world)
    stay(world, acme, "2016-01-01", "2017-06-30", status="entrepreneur")
    figure(acme, "2016-01-01", 1)
    figure(acme, "2017-11-01", 4)
    figure(acme, "2018-02-01", 8)

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    assert (row.window_end, row.current) == (d("2017-12-31"), 4)


@pytest.mark.parametrize("status", ["freelancer", "employed", "stopped"])
def test_alumni_who_are_no_longer_entrepreneurs_count_zero_after_leaving(world, status):
    acme = company(world)
    stay(world, acme, "2016-01-01", "2017-06-30", status=status)
    figure(acme, "2016-01-01", 2)
    figure(acme, "2017-06-30", 5)

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    assert (row.current, row.current_zero_by_status, row.change) == (0, True, -2)


def test_alumni_who_are_still_entrepreneurs_keep_their_figures_after_leaving(world):
    acme = company(world)
    stay(world, acme, "2016-01-01", "2017-06-30", status="entrepreneur")
    figure(acme, "2016-01-01", 2)
    figure(acme, "2017-09-30", 5)

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    assert (row.current, row.current_zero_by_status, row.change) == (5, False, 3)


def test_a_stay_ending_on_the_last_day_of_the_period_is_over_but_its_figures_still_count(world):
    acme = company(world)
    stay(world, acme, "2017-01-01", "2017-12-31", status="stopped")
    figure(acme, "2017-01-01", 2)
    figure(acme, "2017-12-31", 5)

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    # Over (not ongoing), but the window ends on the leaving day itself, which is not after it.
    assert (row.ongoing, row.last_end, row.window_end, row.current, row.change) == (
        False,
        d("2017-12-31"),
        d("2017-12-31"),
        5,
        3,
    )


def test_a_stay_ending_after_the_period_is_ongoing(world):
    acme = company(world)
    stay(world, acme, "2017-01-01", "2018-01-01", status="stopped")
    figure(acme, "2017-01-01", 2)
    figure(acme, "2017-12-01", 5)

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    assert (row.ongoing, row.status, row.window_end, row.current) == (True, "", d("2017-12-31"), 5)


def test_without_a_later_figure_the_current_number_is_the_baseline(world):
    acme = company(world)
    stay(world, acme, "2017-01-01")
    figure(acme, "2016-06-01", 3)

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    assert (row.baseline, row.current, row.change) == (3, 3, 0)


def test_the_cohort_is_the_companies_with_a_stay_overlapping_the_period(world):
    left_before, left_on_first_day, starts_on_last_day, starts_after = (company(world) for _ in range(4))
    stay(world, left_before, "2015-01-01", "2016-12-31", status="entrepreneur")
    stay(world, left_on_first_day, "2015-01-01", "2017-01-01", status="entrepreneur")
    stay(world, starts_on_last_day, "2017-12-31")
    stay(world, starts_after, "2018-01-01")

    result = jobs(world, "2017-01-01", "2017-12-31")

    assert [row.company_id for row in result.rows] == [left_on_first_day.pk, starts_on_last_day.pk]


def test_stays_in_other_programmes_do_not_count(world):
    other = make_programme(slug="other", name="Other")
    acme = company(world)
    stay(other, acme, "2014-01-01", "2014-12-31", status="stopped")
    stay(world, acme, "2017-01-01")
    figure(acme, "2014-01-01", 1)
    figure(acme, "2016-12-01", 2)
    figure(acme, "2017-06-01", 6)

    row = only_row(jobs(world, "2017-01-01", "2017-12-31"))

    assert (row.first_start, row.baseline, row.change) == (d("2017-01-01"), 2, 4)


def test_a_period_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ValueError, match="ends"):
        jobs(world, "2018-01-01", "2017-12-31")
