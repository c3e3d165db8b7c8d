from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Demand-driven questions between municipalities, their routing and follow-up."""

    name = "questions"
    verbose_name = _("Questions")
    default_auto_field = "django.db.models.BigAutoField"
