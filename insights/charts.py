"""Bar charts and histograms for the dashboard, drawn as SVG by a template.

The geometry is search.svg_chart's (the knowledge-gaps report's chart); this adds
what a chart standing on its own needs: a title and a description for screen
readers, axis titles, and the binning of a histogram. No JavaScript and no inline
styles (the Content-Security-Policy): colours come from the stylesheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from search.svg_chart import BarChart, bar_chart

AXIS_ROOM = 28  # extra room left of and below the plot for the axis titles


@dataclass(frozen=True)
class Chart:
    """One chart: its geometry plus every text a reader without the picture needs."""

    slug: str
    title: str
    description: str
    x_title: str
    y_title: str
    geometry: BarChart

    @property
    def view_width(self) -> int:
        return self.geometry.width + AXIS_ROOM

    @property
    def view_height(self) -> int:
        return self.geometry.height + AXIS_ROOM

    @property
    def x_title_x(self) -> float:
        return (self.geometry.left + self.geometry.width) / 2

    @property
    def x_title_y(self) -> int:
        return self.geometry.height + AXIS_ROOM // 2

    @property
    def y_title_y(self) -> float:
        return self.geometry.baseline / 2


@dataclass(frozen=True)
class Bin:
    """Values from ``low`` (included) to ``high`` (excluded; None: no upper bound)."""

    low: float
    high: float | None
    label: str
    count: int


def histogram(values: Sequence[float], edges: Sequence[float], labels: Sequence[str]) -> list[Bin]:
    """Counts of ``values`` between consecutive ``edges``; the last bin is open-ended.

    ``labels`` names each bin: one more than there are edges between them, i.e. as
    many as ``edges``.
    """
    if len(labels) != len(edges):
        raise ValueError("one label per bin, as many as edges")
    bounds = [*edges[1:], None]
    return [
        Bin(
            low,
            high,
            label,
            sum(1 for value in values if value >= low and (high is None or value < high)),
        )
        for low, high, label in zip(edges, bounds, labels, strict=True)
    ]


def chart(
    slug: str,
    *,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    labels: Sequence[str],
    counts: Sequence[int],
) -> Chart:
    """A single-series bar chart (a histogram is one with its bins as labels)."""
    geometry = bar_chart(labels, [list(counts)], ["" for _ in labels])
    return Chart(slug, title, description, x_title, y_title, geometry)
