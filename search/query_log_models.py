"""The anonymised search log the knowledge-gaps report is built from.

Only what the report needs is kept: the scrubbed, normalised query (search.scrubbing),
the selected filters, the number of results and the day. No user, no IP address, no
session and no time of day, so a row cannot be tied to a person; rows older than the
retention period are deleted (manage.py prune_search_log).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["SearchQuery"]

MAX_QUERY_LENGTH = 200


def today():
    return timezone.localdate()


class SearchQuery(models.Model):
    """One search as the knowledge-gaps report counts it (the first page only)."""

    query = models.CharField(_("query"), max_length=MAX_QUERY_LENGTH, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    results = models.PositiveIntegerField(_("results"))
    day = models.DateField(_("day"), default=today, db_index=True)

    class Meta:
        verbose_name = _("logged search")
        verbose_name_plural = _("logged searches")
        indexes = [models.Index(fields=["day", "results"], name="search_query_day_results")]

    def __str__(self) -> str:
        return self.query
