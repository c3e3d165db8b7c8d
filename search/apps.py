from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Elasticsearch indexing and querying; the only app that talks to the cluster."""

    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A saved or deleted synonym group clears the cached set (search.synonym_set).
        from search import (
            signals,  # noqa: F401
            synonym_set,  # noqa: F401
        )
