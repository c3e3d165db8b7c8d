from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts import two_factor_views


@hooks.register("register_admin_urls")
def two_factor_urls() -> list:
    return [
        path("2fa/verify/", two_factor_views.verify, name="kennisbank_2fa_verify"),
        path("2fa/setup/", two_factor_views.setup, name="kennisbank_2fa_setup"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request) -> dict:
    return {
        "url": reverse("kennisbank_2fa_setup"),
        "label": _("Two-step verification"),
        "help_text": _("Set up or replace the authenticator app that gives your login codes."),
    }
