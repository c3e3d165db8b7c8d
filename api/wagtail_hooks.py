from wagtail import hooks
from wagtail.permissions import register_permission_policy

from api.models import PartnerToken
from api.token_admin import ModeratorsOnly, PartnerTokenViewSet

register_permission_policy(PartnerToken, ModeratorsOnly(PartnerToken))


@hooks.register("register_admin_viewset")
def register_partner_tokens() -> PartnerTokenViewSet:
    return PartnerTokenViewSet("partner_tokens")
