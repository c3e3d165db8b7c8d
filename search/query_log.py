"""Recording searches for the knowledge-gaps report, anonymised, one insert each.

``log_search`` is called by the search page and the API once a search has been
answered. It writes one row (no lookup, no update) and never raises: a search that
fails to be logged must still be shown. Only the first page of a search is logged,
so paging through results does not count the same search again.
"""

from __future__ import annotations

import calendar
import datetime
import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Protocol

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from search.query_log_models import MAX_QUERY_LENGTH, SearchQuery
from search.scrubbing import scrub

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_MONTHS = 13
MAX_FILTER_VALUES = 20
MAX_FILTER_VALUE_LENGTH = 80


class LoggedSearch(Protocol):
    """What the log reads of a search (search.service.SearchRequest has it)."""

    q: str
    filters: Mapping[str, Sequence[str]]
    page: int


def normalise_query(text: str) -> str:
    """The scrubbed query as the report groups it: NFKC, lower case, one space."""
    text = scrub(unicodedata.normalize("NFKC", text or ""))
    text = re.sub(r"\s+", " ", text).strip(" \t\"'.,;:!?").lower()
    return text[:MAX_QUERY_LENGTH]


def normalise_filters(filters: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Selected facet values, scrubbed too: a filter value is typed text as well."""
    cleaned = {}
    for name in sorted(filters or {}):
        values = [
            scrub(str(value))[:MAX_FILTER_VALUE_LENGTH] for value in filters[name] if str(value)
        ]
        if values:
            cleaned[scrub(str(name))[:MAX_FILTER_VALUE_LENGTH]] = sorted(set(values))[
                :MAX_FILTER_VALUES
            ]
    return cleaned


def log_search(request: LoggedSearch, response_total: int) -> None:
    """Record one answered search (first page only), anonymised."""
    if getattr(request, "page", 1) != 1:
        return
    query = normalise_query(request.q)
    filters = normalise_filters(request.filters)
    if not query and not filters:
        return  # the bare search page is not a search
    try:
        SearchQuery.objects.create(query=query, filters=filters, results=max(response_total, 0))
    except DatabaseError:
        logger.exception("could not log a search")


def retention_cutoff(today: datetime.date | None = None) -> datetime.date:
    """The first day still kept: ``SEARCH_LOG_RETENTION_MONTHS`` (13) months back."""
    months = getattr(settings, "SEARCH_LOG_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS)
    today = today or timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    # The same day of the month, or the month's last day (31 May - 13 months: 30 April).
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(today.day, last_day))


def prune(today: datetime.date | None = None) -> int:
    """Delete the rows older than the retention period; returns how many."""
    deleted, _per_model = SearchQuery.objects.filter(day__lt=retention_cutoff(today)).delete()
    return deleted
