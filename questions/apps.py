from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Demand-driven questions between municipalities, their routing and follow-up."""

    name = "questions"
    verbose_name = _("Questions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Publishing, moving or restricting a page clears the router's cached counts.
        from questions import published  # noqa: F401
        from questions.search_source import connect

        # Resolved questions are searchable ("already answered"): search.sources.
        connect()
