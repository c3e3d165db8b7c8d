from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The partner API (/api/v1): the top of the import graph below kennisbank/."""

    name = "api"
    verbose_name = _("Partner API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Webhooks listen to the question flow; questions never imports the api.
        from api.webhook_events import on_question_event
        from api.webhook_owner import PAUSED, PAUSED_LABEL
        from notifications import kinds
        from questions.events import question_event

        question_event.connect(on_question_event, dispatch_uid="api.webhooks")
        kinds.register(PAUSED, PAUSED_LABEL)
