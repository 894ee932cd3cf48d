"""The in/outflow table on a date, hand-computed case by case."""

import pytest

from fabriek.reporting import rules
from fabriek.reporting.tests.histories import company, d, figure, make_programme, stay

ZERO = {"participants": 0, "employees": 0, "interns": 0}


def cells(participants, employees, interns):
    return {"participants": participants, "employees": employees, "interns": interns}


@pytest.fixture
def world(db):
    return make_programme()


def table(world, on):
    return rules.inflow_outflow(programme=world.programme, on=d(on))


def test_an_empty_programme_gives_an_empty_table(world):
    assert table(world, "2017-05-31").as_dict() == {
        "programme": "ofd",
        "on": "2017-05-31",
        "inflow": ZERO,
        "current": ZERO,
        "outflow": ZERO,
        "outflow_by_status": {"entrepreneur": ZERO, "freelancer": ZERO, "employed": ZERO, "stopped": ZERO},
        "missing_figures": 0,
    }


def test_a_stay_ending_on_the_report_date_is_still_current(world):
    acme = company(world)
    stay(world, acme, "2016-01-01", "2017-05-31", status="stopped")
    figure(acme, "2017-01-01", 3, 1)

    result = table(world, "2017-05-31").as_dict()

    assert (result["current"], result["outflow"]) == (cells(1, 3, 1), ZERO)


def test_a_stay_that_ended_the_day_before_is_outflow_with_its_status(world):
    acme = company(world)
    stay(world, acme, "2016-01-01", "2017-05-30", status="entrepreneur")
    figure(acme, "2017-01-01", 3, 1)

    result = table(world, "2017-05-31").as_dict()

    assert (result["current"], result["outflow"]) == (ZERO, cells(1, 3, 1))
    assert result["outflow_by_status"]["entrepreneur"] == cells(1, 3, 1)


def test_a_company_that_left_and_came_back_is_counted_once_and_current_during_its_second_stay(world):
    acme = company(world)
    stay(world, acme, "2015-01-01", "2015-12-31", status="freelancer")
    stay(world, acme, "2017-01-01")
    figure(acme, "2017-02-01", 5, 2)

    result = table(world, "2017-05-31").as_dict()

    assert (result["inflow"], result["current"], result["outflow"]) == (cells(1, 5, 2), cells(1, 5, 2), ZERO)


def test_between_two_stays_a_company_is_outflow_with_the_status_of_the_stay_it_left(world):
    acme = company(world)
    stay(world, acme, "2015-01-01", "2015-12-31", status="freelancer")
    stay(world, acme, "2017-01-01", "2017-03-31", status="entrepreneur")
    figure(acme, "2016-06-01", 5, 2)

    result = table(world, "2016-06-30").as_dict()

    assert result["outflow_by_status"]["freelancer"] == cells(1, 0, 0)
    assert result["outflow"] == cells(1, 0, 0)


def test_after_a_second_stay_the_latest_stays_status_decides(world):
    acme = company(world)
    stay(world, acme, "2015-01-01", "2015-12-31", status="stopped")
    stay(world, acme, "2016-03-01", "2016-12-31", status="entrepreneur")
    figure(acme, "2017-01-15", 6, 1)

    result = table(world, "2017-05-31").as_dict()

    assert result["outflow_by_status"]["entrepreneur"] == cells(1, 6, 1)
    assert result["outflow_by_status"]["stopped"] == ZERO


@pytest.mark.parametrize("status", ["freelancer", "employed", "stopped"])
def test_alumni_who_are_no_longer_entrepreneurs_count_as_participants_with_no_employees_or_interns(world, status):
    acme = company(world)
    stay(world, acme, "2015-01-01", "2016-06-30", status=status)
    figure(acme, "2017-01-01", 4, 2)

    result = table(world, "2017-05-31").as_dict()

    assert result["outflow_by_status"][status] == cells(1, 0, 0)
    assert result["outflow"] == result["inflow"] == cells(1, 0, 0)


def test_entrepreneur_alumni_carry_their_latest_figure_whenever_they_left(world):
    acme = company(world)
    stay(world, acme, "2010-01-01", "2011-12-31", status="entrepreneur")
    figure(acme, "2011-12-31", 2)
    figure(acme, "2016-08-01", 12, 3)
    figure(acme, "2017-06-01", 40, 9)

    result = table(world, "2017-05-31").as_dict()

    assert result["outflow_by_status"]["entrepreneur"] == cells(1, 12, 3)


def test_companies_without_a_figure_by_the_date_count_zero_and_are_listed_as_missing_whatever_their_status(world):
    current, stopped, counted = company(world), company(world), company(world)
    stay(world, current, "2017-01-01")
    figure(current, "2017-06-01", 8)  # after the date: not used
    stay(world, stopped, "2016-01-01", "2016-12-31", status="stopped")
    stay(world, counted, "2017-01-01")
    figure(counted, "2017-01-01", 2)

    result = table(world, "2017-05-31")

    assert result.as_dict()["missing_figures"] == 2
    assert result.missing_figures == sorted([current.pk, stopped.pk])
    assert result.as_dict()["current"] == cells(2, 2, 0)


def test_stays_that_start_after_the_date_or_in_another_programme_are_not_counted(world):
    other = make_programme(slug="other", name="Other")
    later, elsewhere, acme = company(world), company(world), company(world)
    stay(world, later, "2017-06-01")
    stay(other, elsewhere, "2016-01-01")
    stay(world, acme, "2017-05-31")
    stay(other, acme, "2015-01-01", "2015-06-30", status="stopped")

    result = table(world, "2017-05-31")

    assert [row.company_id for row in result.rows] == [acme.pk]
    assert result.as_dict()["inflow"] == cells(1, 0, 0)


def test_inflow_is_current_plus_outflow_and_outflow_splits_over_the_statuses(world):
    histories = [
        ("2016-01-01", None, "", 3, 1),
        ("2016-01-01", "2017-12-31", "stopped", 4, 2),
        ("2015-01-01", "2016-01-31", "entrepreneur", 5, 0),
        ("2015-01-01", "2016-02-29", "entrepreneur", 6, 1),
        ("2015-01-01", "2016-03-31", "freelancer", 7, 1),
        ("2015-01-01", "2016-04-30", "employed", 8, 1),
        ("2015-01-01", "2016-05-31", "stopped", 9, 1),
    ]
    for start, end, status, employees, interns in histories:
        acme = company(world)
        stay(world, acme, start, end, status=status)
        figure(acme, "2015-06-01", employees, interns)

    result = table(world, "2017-05-31").as_dict()

    assert result["current"] == cells(2, 7, 3)
    assert result["outflow_by_status"] == {
        "entrepreneur": cells(2, 11, 1),
        "freelancer": cells(1, 0, 0),
        "employed": cells(1, 0, 0),
        "stopped": cells(1, 0, 0),
    }
    assert result["outflow"] == cells(5, 11, 1)
    assert result["inflow"] == cells(7, 18, 4)


def test_each_cell_names_the_companies_behind_it(world):
    big, small, gone = company(world), company(world), company(world)
    stay(world, big, "2016-01-01")
    figure(big, "2016-01-01", 5, 0)
    stay(world, small, "2016-01-01")
    figure(small, "2016-01-01", 0, 2)
    stay(world, gone, "2015-01-01", "2015-12-31", status="employed")
    figure(gone, "2016-01-01", 3, 3)

    result = table(world, "2017-05-31")

    assert result.companies("inflow") == sorted([big.pk, small.pk, gone.pk])
    assert result.companies("current", "employees") == [big.pk]
    assert result.companies("current", "interns") == [small.pk]
    assert result.companies("employed") == [gone.pk]
    assert result.companies("outflow", "employees") == []
    assert result.cell("inflow", "employees") == 5


def test_an_unknown_row_or_column_is_refused(world):
    result = table(world, "2017-05-31")

    with pytest.raises(KeyError):
        result.cell("alumni", "participants")
    with pytest.raises(KeyError):
        result.companies("inflow", "revenue")
