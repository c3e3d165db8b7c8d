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
        from questions.events import question_changed
        from questions.feedback import on_question_changed, register_kinds
        from questions.search_source import connect

        # Whoever must hear of a step in the question flow is told in its transaction.
        question_changed.connect(on_question_changed, dispatch_uid="questions.feedback")
        register_kinds()
        # Resolved questions are searchable ("already answered"): search.sources.
        connect()
