from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.gaps_report import URL_NAME, KnowledgeGapsMenuItem, KnowledgeGapsView
from search.synonym_models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    """The Kennisredactie's synonym set: one row per group, checked by search.synonyms."""

    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Synonyms")
    add_to_admin_menu = True
    menu_order = 810
    list_display = ["terms", "active", "note", "updated_at"]
    list_filter = ["active"]
    search_fields = ["terms", "note"]
    search_backend_name = None
    ordering = ["terms"]
    list_per_page = 50


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_knowledge_gaps_url():
    return [path("rapporten/kennislacunes/", KnowledgeGapsView.as_view(), name=URL_NAME)]


@hooks.register("register_reports_menu_item")
def register_knowledge_gaps_menu_item():
    return KnowledgeGapsMenuItem(
        _("Knowledge gaps"),
        reverse(URL_NAME),
        name="knowledge-gaps",
        icon_name="search",
        order=1300,
    )
