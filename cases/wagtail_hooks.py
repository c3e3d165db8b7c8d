from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cases.models import Term
from cases.partner_chooser import municipality_chooser


class TermViewSet(SnippetViewSet):
    """Editors extend the vocabularies here; slugs are what imports and URLs use."""

    model = Term
    icon = "tag"
    menu_label = _("Taxonomy")
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["label", "vocabulary", "slug", "parent"]
    list_filter = ["vocabulary"]
    search_fields = ["label", "slug"]
    search_backend_name = None
    ordering = ["vocabulary", "label"]


register_snippet(TermViewSet)


@hooks.register("register_admin_viewset")
def register_municipality_chooser():
    return municipality_chooser


# Documents follow their pages; draft titles stay inside their municipality.
from cases import access_hooks  # noqa: E402, F401
