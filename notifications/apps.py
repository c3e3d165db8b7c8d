from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Telling people what happened: in the site (the bell) and by e-mail (the outbox).

    Low in the import graph (Django and municipalities only), so that every app that
    has something to tell (questions, the partner API) can call ``notify``.
    """

    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"
