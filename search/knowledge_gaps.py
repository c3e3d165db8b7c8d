"""The knowledge-gaps figures: what people searched for and did not (or barely) find.

Counted per ISO week (Monday to Sunday) with Django's ``TruncWeek``, so the same SQL
runs on SQLite and PostgreSQL. A "low-result" search found at least one and at most
``SEARCH_LOW_RESULTS`` (3) results: enough to hint the subject exists, too few to
compare approaches.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from search.query_log_models import SearchQuery

DEFAULT_LOW_RESULTS = 3
DEFAULT_WEEKS = 12
TOP = 20


def low_results() -> int:
    return getattr(settings, "SEARCH_LOW_RESULTS", DEFAULT_LOW_RESULTS)


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekCount:
    start: datetime.date
    zero: int
    low: int

    @property
    def iso_week(self) -> int:
        return self.start.isocalendar().week


@dataclass(frozen=True)
class QueryCount:
    query: str
    searches: int
    most_results: int


def weekly_counts(
    weeks: int = DEFAULT_WEEKS, today: datetime.date | None = None
) -> list[WeekCount]:
    """Zero- and low-result searches of the last ``weeks`` weeks, oldest first, gaps as 0."""
    last = week_start(today or timezone.localdate())
    first = last - datetime.timedelta(weeks=weeks - 1)
    rows = (
        SearchQuery.objects.filter(day__gte=first, results__lte=low_results())
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(zero=Count("pk", filter=Q(results=0)), low=Count("pk", filter=Q(results__gt=0)))
    )
    by_week = {_as_date(row["week"]): row for row in rows}
    result = []
    for offset in range(weeks):
        start = first + datetime.timedelta(weeks=offset)
        row = by_week.get(start, {"zero": 0, "low": 0})
        result.append(WeekCount(start, row["zero"], row["low"]))
    return result


def top_queries(
    start: datetime.date, *, zero: bool, limit: int = TOP, end: datetime.date | None = None
) -> list[QueryCount]:
    """The most frequent zero-result (or low-result) queries from ``start`` to ``end``.

    ``end`` is the last day counted; without it, the week from ``start``.
    """
    results = Q(results=0) if zero else Q(results__gt=0, results__lte=low_results())
    last = end if end is not None else start + datetime.timedelta(days=6)
    rows = (
        SearchQuery.objects.filter(results, day__gte=start, day__lte=last)
        .values("query")
        .annotate(searches=Count("pk"), most_results=Max("results"))
        .order_by("-searches", "query")[:limit]
    )
    return [QueryCount(row["query"], row["searches"], row["most_results"]) for row in rows]


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
