"""The knowledge-gaps report in the Wagtail admin (Rapporten → Kennislacunes).

For the Kennisredactie: which subjects people look for and do not find, so it can
ask municipalities to write about them. Readable by whoever holds
``search.view_searchquery`` (the Kennisredactie, through cases.editors).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from search.knowledge_gaps import low_results, top_queries, week_start, weekly_counts
from search.svg_chart import bar_chart

PERMISSION = "search.view_searchquery"
URL_NAME = "search_knowledge_gaps"


class KnowledgeGapsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(PERMISSION)


class KnowledgeGapsView(WagtailAdminTemplateMixin, TemplateView):
    """Zero- and low-result searches per week: a chart of 12 weeks, the top of one."""

    template_name = "search/gaps_report.html"
    page_title = _("Knowledge gaps")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def selected_week(self, weeks) -> datetime.date:
        """The week asked for (``?week=YYYY-MM-DD``, any day of it), else the current one."""
        try:
            asked = datetime.date.fromisoformat(self.request.GET.get("week", ""))
        except ValueError:
            return weeks[-1].start
        start = week_start(asked)
        return start if any(week.start == start for week in weeks) else weeks[-1].start

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        weeks = weekly_counts(today=timezone.localdate())
        selected = self.selected_week(weeks)
        url = reverse(URL_NAME)
        chart = bar_chart(
            [str(_("wk %(week)d") % {"week": week.iso_week}) for week in weeks],
            [[week.zero for week in weeks], [week.low for week in weeks]],
            [f"{url}?week={week.start.isoformat()}" for week in weeks],
        )
        context.update(
            weeks=weeks,
            chart=chart,
            selected=selected,
            selected_end=selected + datetime.timedelta(days=6),
            first=weeks[0].start,
            last_end=weeks[-1].start + datetime.timedelta(days=6),
            zero_queries=top_queries(selected, zero=True),
            low_queries=top_queries(selected, zero=False),
            low_results=low_results(),
            total_zero=sum(week.zero for week in weeks),
            total_low=sum(week.low for week in weeks),
            selected_label=date_format(selected, "j F Y"),
        )
        return context
