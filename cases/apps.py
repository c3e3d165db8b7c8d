from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Casusbladen and lessons: the Wagtail pages municipalities publish."""

    name = "cases"
    verbose_name = _("Cases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.documents import get_document_model
        from wagtail.permissions import register_permission_policy

        from cases import page_events, signals  # noqa: F401
        from cases.document_policy import reviewed_document_policy

        # exact_class: takes precedence over the policy wagtail.documents registers
        # in its own ready(), whichever app is readied first.
        register_permission_policy(
            get_document_model(), reviewed_document_policy(), exact_class=True
        )
