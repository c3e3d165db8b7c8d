"""A grouped bar chart as geometry, for a template to draw as server-rendered SVG.

No JavaScript and no inline styles (the site runs under a Content-Security-Policy):
the template draws rectangles at the coordinates computed here, and colours come
from classes in a static stylesheet. Screen readers get the title, the description
and a data table next to the chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 720
HEIGHT = 260
LEFT = 44  # room for the y-axis labels
BOTTOM = 36  # room for the x-axis labels
TOP = 12
GRID_LINES = 4


@dataclass(frozen=True)
class Bar:
    series: int
    x: float
    y: float
    width: float
    height: float
    value: int


@dataclass(frozen=True)
class Group:
    label: str
    x: float  # centre, for the label
    bars: tuple[Bar, ...]
    href: str


@dataclass(frozen=True)
class GridLine:
    y: float
    value: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    groups: tuple[Group, ...]
    grid: tuple[GridLine, ...]
    baseline: float
    left: int


def nice_maximum(value: int) -> int:
    """The smallest multiple of GRID_LINES * (1, 2 or 5 * 10^n) that is at least ``value``."""
    if value <= 0:
        return GRID_LINES
    step = value / GRID_LINES
    magnitude = 10 ** math.floor(math.log10(step))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= step:
            return int(max(factor * magnitude, 1) * GRID_LINES)
    raise AssertionError("unreachable")


def bar_chart(
    labels: Sequence[str], series: Sequence[Sequence[int]], hrefs: Sequence[str]
) -> BarChart:
    """Groups of bars, one group per label and one bar per series within it."""
    maximum = nice_maximum(max((value for values in series for value in values), default=0))
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    slot = (WIDTH - LEFT) / max(len(labels), 1)
    bar_width = slot * 0.8 / max(len(series), 1)
    groups = []
    for index, label in enumerate(labels):
        start = LEFT + index * slot + slot * 0.1
        bars = []
        for number, values in enumerate(series):
            height = plot_height * values[index] / maximum
            bars.append(
                Bar(
                    series=number,
                    x=round(start + number * bar_width, 1),
                    y=round(baseline - height, 1),
                    width=round(bar_width - 1, 1),
                    height=round(height, 1),
                    value=values[index],
                )
            )
        groups.append(Group(label, round(start + slot * 0.4, 1), tuple(bars), hrefs[index]))
    grid = tuple(
        GridLine(round(baseline - plot_height * step / GRID_LINES, 1), maximum * step // GRID_LINES)
        for step in range(GRID_LINES + 1)
    )
    return BarChart(WIDTH, HEIGHT, tuple(groups), grid, baseline, LEFT)
