from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisbankConfig(AppConfig):
    """Shared core of the platform: reference data every other app points at."""

    name = "kennisbank"
    verbose_name = _("Kennisbank core")
    default_auto_field = "django.db.models.BigAutoField"
