from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    """The municipalities and who acts for them: the bottom of the import graph.

    Everything on the platform belongs to or is routed to a municipality, so every
    other app imports this one and it imports none of them.
    """

    name = "municipalities"
    verbose_name = _("Municipalities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from municipalities import membership_sync  # noqa: F401  (connects the signals)
