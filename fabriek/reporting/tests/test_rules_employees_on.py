"""Employees of a company on a date: the latest figure on or before it, ties broken by source rank."""

import pytest

from fabriek.companies.models import Company
from fabriek.reporting import rules
from fabriek.reporting.tests.histories import company, d, figure, make_programme


@pytest.fixture
def world(db):
    return make_programme()


def figures_on(on, *companies, programme=None):
    programme = programme or companies[0].programmes.get()
    found = rules.employees_on(
        programme=programme, companies=Company.objects.filter(pk__in=[c.pk for c in companies]), on=d(on)
    )
    return [found[c.pk] for c in companies]


def test_the_latest_figure_on_or_before_the_date_counts_and_later_ones_do_not(world):
    acme = company(world)
    figure(acme, "2017-01-01", 2, 1)
    figure(acme, "2017-05-31", 4, 2)
    figure(acme, "2017-06-01", 9, 9)

    [found] = figures_on("2017-05-31", acme)

    assert (found.observed_on, found.employees, found.interns, found.missing) == (d("2017-05-31"), 4, 2, False)


def test_a_company_without_a_figure_on_or_before_the_date_is_missing(world):
    acme = company(world)
    figure(acme, "2017-06-01", 9, 9)

    [found] = figures_on("2017-05-31", acme)

    assert (found.observed_on, found.employees, found.interns, found.missing) == (None, None, None, True)


@pytest.mark.parametrize(
    ("higher", "lower"),
    [
        ("staff", "survey"),
        ("survey", "self_report"),
        ("self_report", "intake"),
        ("intake", "kvk"),
        ("staff", "kvk"),
    ],
)
def test_on_a_shared_date_the_higher_source_rank_wins(world, higher, lower):
    acme = company(world)
    figure(acme, "2017-03-01", 10, 1, source=lower)
    figure(acme, "2017-03-01", 20, 2, source=higher)

    [found] = figures_on("2017-12-31", acme)

    assert (found.employees, found.interns) == (20, 2)


def test_a_later_figure_of_a_lower_source_beats_an_earlier_figure_of_a_higher_source(world):
    acme = company(world)
    figure(acme, "2017-03-01", 20, source="staff")
    figure(acme, "2017-03-02", 10, source="kvk")

    [found] = figures_on("2017-12-31", acme)

    assert found.employees == 10


def test_large_headcounts_survive_the_packing_of_figures(world):
    # The largest values the database accepts (core.bounds): 100,000 people, dated 2199-12-31.
    acme = company(world)
    figure(acme, "2199-12-31", 100_000, 100_000)

    [found] = figures_on("2199-12-31", acme)

    assert (found.observed_on, found.employees, found.interns) == (d("2199-12-31"), 100_000, 100_000)


def test_each_company_gets_its_own_figure_in_one_query(world, django_assert_num_queries):
    acme, bolt = company(world), company(world)
    figure(acme, "2017-01-01", 3)
    figure(bolt, "2016-01-01", 7, 1)

    with django_assert_num_queries(1):
        found = figures_on("2017-12-31", acme, bolt, programme=world.programme)

    assert [(f.company_id, f.employees, f.interns) for f in found] == [(acme.pk, 3, 0), (bolt.pk, 7, 1)]
