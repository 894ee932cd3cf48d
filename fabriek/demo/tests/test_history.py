"""The synthetic history as plain data, before anything is written (no database needed)."""

import re
from datetime import date
from itertools import pairwise

import pytest

from fabriek.core.periods import add_years
from fabriek.demo import seed
from fabriek.demo.history import (
    AMSTERDAM,
    DESK_CAPACITY,
    OPENED_ON,
    POSTCODE_AREAS,
    SEED_ERA_END,
    build_history,
)
from fabriek.demo.tests.plain_rules import SEED_TABLE_2017_05_31, Figure, Stay, current_per_location, inflow_outflow

#: The day the clock said when this was written; the demo itself follows the real date.
TODAY = date(2026, 11, 30)


def stays_and_figures(history):  # type: ignore[no-untyped-def]
    stays = [
        Stay(c.kvk_number, s.location, s.started_on, s.ended_on, s.outflow_status)
        for c in history.companies
        for s in c.stays
    ]
    figures = [
        Figure(c.kvk_number, o.observed_on, o.employees, o.interns, o.source)
        for c in history.companies
        for o in c.observations
    ]
    return stays, figures


def test_the_same_seed_gives_the_same_history() -> None:
    assert build_history() == build_history()


@pytest.mark.parametrize("random_seed", [None, 1, 2, 99])
def test_the_seeds_figures_hold_by_construction_whatever_the_random_seed(random_seed) -> None:  # type: ignore[no-untyped-def]
    history = build_history() if random_seed is None else build_history(random_seed)
    stays, figures = stays_and_figures(history)

    assert current_per_location(stays, date(2016, 12, 31)) == {"Assen": 17, "Emmen": 12, "Hoogeveen": 7}
    assert inflow_outflow(stays, figures, date(2017, 5, 31)) == SEED_TABLE_2017_05_31


def test_every_stay_lasts_at_most_two_years_and_a_company_never_has_two_at_once() -> None:
    for company in build_history(today=TODAY).companies:
        ordered = sorted(company.stays, key=lambda s: s.started_on)
        for stay in ordered:
            assert stay.ended_on is None or stay.ended_on < add_years(stay.started_on, 2)
            assert stay.started_on >= OPENED_ON[stay.location]
            # ended_on and outflow_status come together; only stays running past the history stay open
            assert (stay.ended_on is None) == (stay.outflow_status == "")
            if stay.ended_on is None:
                assert add_years(stay.started_on, 2) > TODAY
        for earlier, later in pairwise(ordered):
            assert earlier.ended_on is not None and earlier.ended_on < later.started_on


def first_era(history):  # type: ignore[no-untyped-def]
    """Everything of the companies and events of the history dated before 2020."""
    return (
        [
            (c.kvk_number, c.name, [s for s in c.stays if s.started_on <= SEED_ERA_END])
            for c in history.companies
            if c.stays[0].started_on <= SEED_ERA_END
        ],
        [
            o
            for c in history.companies
            if c.stays[0].started_on <= SEED_ERA_END
            for o in c.observations
            if o.observed_on <= SEED_ERA_END
        ],
        [e for e in history.events if e.starts_at.date() <= SEED_ERA_END],
    )


def test_the_history_before_2020_is_the_same_whatever_today_is() -> None:
    in_2020 = build_history(today=date(2020, 3, 2))
    now = build_history(today=TODAY)

    first, second = first_era(in_2020), first_era(now)
    # Stays still going at the end of 2019 end later; everything else dated before 2020 is the same.
    assert [(k, n) for k, n, _ in first[0]] == [(k, n) for k, n, _ in second[0]]
    assert [[(s.location, s.started_on) for s in stays] for *_, stays in first[0]] == [
        [(s.location, s.started_on) for s in stays] for *_, stays in second[0]
    ]
    assert first[1] == second[1]
    assert first[2] == second[2]


def test_nothing_is_dated_after_today_but_the_registrations_for_coming_events() -> None:
    history = build_history(today=TODAY)

    assert max(s.ended_on or s.started_on for c in history.companies for s in c.stays) == TODAY
    assert max(o.observed_on for c in history.companies for o in c.observations) <= TODAY
    for event in history.events:
        if event.starts_at.date() > TODAY:
            assert event.attendees and not any(checked_in for _, checked_in in event.attendees)


def test_today_every_location_has_participants_and_no_stay_is_over_two_years() -> None:
    history = build_history(today=TODAY)

    current = [c.stays[-1] for c in history.companies if c.is_current_on(TODAY)]
    assert {s.location for s in current} == set(OPENED_ON)
    assert all(add_years(s.started_on, 2) > TODAY for s in current)


def test_tonights_event_has_52_registrations_and_nobody_checked_in_yet() -> None:
    history = build_history(today=TODAY)

    tonight = [e for e in history.events if e.starts_at.astimezone(AMSTERDAM).date() == TODAY]
    assert len(tonight) == 1
    assert len(tonight[0].attendees) == 52
    assert not any(checked_in for _, checked_in in tonight[0].attendees)


def test_companies_have_unique_kvk_numbers_and_a_postcode_of_their_drenthe_municipality() -> None:
    companies = build_history().companies
    municipalities = {code for code, _ in seed.MUNICIPALITIES}

    assert len({c.kvk_number for c in companies}) == len(companies)
    for company in companies:
        assert re.fullmatch(r"\d{8}", company.kvk_number)
        assert re.fullmatch(r"[1-9]\d{3} [A-Z]{2}", company.postcode)
        assert company.municipality_code in municipalities
        assert int(company.postcode[:4]) in POSTCODE_AREAS[company.municipality_code]
        assert company.founded_on <= company.stays[0].started_on
        assert 1 <= len(company.founders) <= 3


def test_full_time_stays_never_need_more_desks_than_a_location_has() -> None:
    stays = [s for c in build_history(today=TODAY).companies for s in c.stays if s.package == "fulltime"]
    for stay in stays:
        in_use = [
            other
            for other in stays
            if other.location == stay.location and other.started_on <= stay.started_on <= (other.ended_on or TODAY)
        ]
        assert len(in_use) <= DESK_CAPACITY[stay.location]


def test_every_co_organising_partner_of_an_event_is_a_partner_of_the_seed() -> None:
    names = {name for name, *_ in seed.PARTNERS}
    for event in build_history().events:
        for partner in event.partners:
            assert seed.PARTNER_ALIASES.get(partner, partner) in names


def test_the_budget_is_the_seeds_with_2018_2019_split_evenly() -> None:
    per_year: dict[int, int] = {}
    for year, _, cents in seed.budget_lines():
        per_year[year] = per_year.get(year, 0) + cents

    assert per_year == {2017: 41_000_000, 2018: 41_000_000, 2019: 41_000_000}
