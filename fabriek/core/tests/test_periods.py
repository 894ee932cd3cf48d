import datetime

import pytest

from fabriek.core.periods import Period, add_years

D = datetime.date


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (D(2016, 2, 29), 2, D(2018, 2, 28)),
        (D(2016, 2, 29), 4, D(2020, 2, 29)),
        (D(2017, 3, 1), 2, D(2019, 3, 1)),
        (D(2015, 12, 31), 2, D(2017, 12, 31)),
    ],
)
def test_add_years_keeps_the_calendar_day_and_turns_29_february_into_28(day, years, expected) -> None:  # type: ignore[no-untyped-def]
    assert add_years(day, years) == expected


def test_a_period_overlaps_a_stay_that_shares_one_day_with_it() -> None:
    period = Period(D(2017, 1, 1), D(2017, 12, 31))
    assert period.overlaps(D(2016, 1, 1), D(2017, 1, 1))
    assert period.overlaps(D(2017, 12, 31), None)
    assert not period.overlaps(D(2016, 1, 1), D(2016, 12, 31))
    assert not period.overlaps(D(2018, 1, 1), None)
    assert period.overlaps(D(2010, 1, 1), None)


def test_years_splits_a_period_into_clipped_calendar_years() -> None:
    period = Period(D(2017, 5, 1), D(2019, 2, 28))
    assert list(period.years()) == [
        Period(D(2017, 5, 1), D(2017, 12, 31)),
        Period(D(2018, 1, 1), D(2018, 12, 31)),
        Period(D(2019, 1, 1), D(2019, 2, 28)),
    ]


def test_a_period_that_ends_before_it_starts_is_an_error() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Period(D(2017, 1, 2), D(2017, 1, 1))
