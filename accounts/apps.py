from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Logins, sessions and mail to users: what guards an account and reaches its owner."""

    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import checks, login_log  # noqa: F401  (registers checks and signals)
