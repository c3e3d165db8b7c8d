"""The dashboard in the Wagtail admin (menu *Inzicht*), for the Kennisredactie.

The Kennisredactie follows up on the exchange: which municipalities are asked too
often, which never answer, which themes stay unanswered. So this page has every
municipality's figures, and only moderators (cases.editors.is_moderator) see the
menu item or open the page; others get a 403 (Wagtail sends those without admin
access to the login first).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cases.editors import is_moderator
from insights.views import figures_or_csv

URL_NAME = "insights_dashboard"


class InsightsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_moderator(request.user)


class InsightsAdminView(WagtailAdminTemplateMixin, TemplateView):
    """Every figure of the exchange, per municipality, with the date range filter."""

    template_name = "insights/admin_insights.html"
    page_title = _("Exchange insights")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        result = figures_or_csv(request, every_municipality=True)
        if isinstance(result, HttpResponse):
            return result
        return self.render_to_response(self.get_context_data(**result))
