"""Small bar charts drawn on the server as inline SVG: one bar per year, the target as a line across it.

Pure geometry, no database and no JavaScript; the template draws the shapes. Every chart carries a text
alternative that says the same as the bars.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

#: The drawing's coordinate system (the SVG viewBox); the page scales it to the card's width.
SLOT_WIDTH = 56
HEIGHT = 100
TOP = 16  # room for the value above the tallest bar
BOTTOM = 18  # room for the year below the bars
BAR_SHARE = 0.6


@dataclass(frozen=True)
class Point:
    label: str
    value: int
    target: int | None
    selected: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    target: int | None
    selected: bool
    x: float
    #: The right edge of the bar (the target line runs from x to here).
    x_end: float
    y: float
    width: float
    height: float
    middle: float
    value_y: float
    label_y: float
    #: Where the target line is drawn; None without a target.
    target_y: float | None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    #: The y of the line the bars stand on.
    baseline: int
    bars: tuple[Bar, ...]
    description: str


def _round(number: float) -> float:
    return round(number, 1)


def bar_chart(points: list[Point]) -> Chart:
    """Bars scaled to the largest value or target (at least 1, so zeros stay on the baseline)."""
    scale_max = max([1, *(p.value for p in points), *(p.target for p in points if p.target is not None)])
    plot = HEIGHT - TOP - BOTTOM
    base = HEIGHT - BOTTOM
    bars = []
    for number, point in enumerate(points):
        slot = number * SLOT_WIDTH
        width = SLOT_WIDTH * BAR_SHARE
        height = plot * point.value / scale_max
        target_y = None if point.target is None else _round(base - plot * point.target / scale_max)
        # The value sits just above its bar; only where the target line would run through it, it moves up
        # above the line, so the two never cross.
        value_y = base - height - 4
        if target_y is not None and value_y - 11 <= target_y <= base - height:
            value_y = target_y - 4
        bars.append(
            Bar(
                label=point.label,
                value=point.value,
                target=point.target,
                selected=point.selected,
                x=_round(slot + (SLOT_WIDTH - width) / 2),
                x_end=_round(slot + (SLOT_WIDTH + width) / 2),
                y=_round(base - height),
                width=_round(width),
                height=_round(height),
                middle=_round(slot + SLOT_WIDTH / 2),
                value_y=_round(value_y),
                label_y=HEIGHT - 4,
                target_y=target_y,
            )
        )
    return Chart(
        width=max(1, len(points)) * SLOT_WIDTH,
        height=HEIGHT,
        baseline=base,
        bars=tuple(bars),
        description=describe(points),
    )


def describe(points: list[Point]) -> str:
    """The chart in words: "Per year: 2017: 6 (target 6); 2018: 7 (target 6)."."""
    parts = []
    for point in points:
        if point.target is None:
            parts.append(_("%(label)s: %(value)s") % {"label": point.label, "value": point.value})
        else:
            parts.append(
                _("%(label)s: %(value)s (target %(target)s)")
                % {"label": point.label, "value": point.value, "target": point.target}
            )
    return _("Per year: %(values)s.") % {"values": "; ".join(parts)}
