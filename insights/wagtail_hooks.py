from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from insights.admin_views import URL_NAME, InsightsAdminView, InsightsMenuItem


@hooks.register("register_admin_urls")
def register_insights_url():
    return [path("inzicht/", InsightsAdminView.as_view(), name=URL_NAME)]


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        _("Insights"), reverse(URL_NAME), name="insights", icon_name="table", order=830
    )
