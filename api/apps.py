from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The partner API (/api/v1): the top of the import graph below kennisbank/."""

    name = "api"
    verbose_name = _("Partner API")
    default_auto_field = "django.db.models.BigAutoField"
