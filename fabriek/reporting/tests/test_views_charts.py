"""The dashboard's small per-year bar charts: geometry and text alternative."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from fabriek.reporting.charts import BOTTOM, HEIGHT, SLOT_WIDTH, TOP, Point, bar_chart


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_bars_are_scaled_to_the_largest_value_or_target_and_stand_on_the_baseline() -> None:
    chart = bar_chart([Point("2017", 10, 20), Point("2018", 20, 20), Point("2019", 0, None)])

    plot = HEIGHT - TOP - BOTTOM  # 66
    base = HEIGHT - BOTTOM  # 82
    assert (chart.width, chart.height, chart.baseline) == (3 * SLOT_WIDTH, HEIGHT, base)
    assert [bar.height for bar in chart.bars] == [plot / 2, plot, 0]
    assert [bar.y + bar.height for bar in chart.bars] == [base, base, base]
    assert [bar.target_y for bar in chart.bars] == [base - plot, base - plot, None]
    assert [bar.middle for bar in chart.bars] == [28, 84, 140]


def test_a_value_moves_above_the_target_line_only_where_the_line_would_cross_it() -> None:
    chart = bar_chart([Point("2017", 100, 104), Point("2018", 10, 100)])

    close, far = chart.bars
    # 2017: the target line runs just above the bar, through where the value would be
    assert close.value_y == close.target_y - 4
    # 2018: the target is far above the short bar; the value stays on its bar
    assert far.value_y == far.y - 4


def test_an_empty_or_all_zero_chart_draws_flat_bars() -> None:
    chart = bar_chart([Point("2017", 0, 0), Point("2018", 0, None)])

    assert [bar.height for bar in chart.bars] == [0, 0]


def test_the_text_alternative_says_what_the_bars_show() -> None:
    chart = bar_chart([Point("2017", 6, 6), Point("2018", 7, None)])

    assert chart.description == "Per year: 2017: 6 (target 6); 2018: 7."
