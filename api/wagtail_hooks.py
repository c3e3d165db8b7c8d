from wagtail import hooks
from wagtail.permissions import register_permission_policy

from api.audit_admin import ApiWriteAuditViewSet
from api.models import ApiWriteAudit, PartnerToken, WebhookDelivery, WebhookSubscription
from api.token_admin import ModeratorsOnly, PartnerTokenViewSet
from api.webhook_admin import (
    ReadOnlyForModerators,
    WebhookDeliveryViewSet,
    WebhookSubscriptionViewSet,
)

register_permission_policy(PartnerToken, ModeratorsOnly(PartnerToken))
register_permission_policy(WebhookSubscription, ModeratorsOnly(WebhookSubscription))
register_permission_policy(WebhookDelivery, ReadOnlyForModerators(WebhookDelivery))
register_permission_policy(ApiWriteAudit, ReadOnlyForModerators(ApiWriteAudit))


@hooks.register("register_admin_viewset")
def register_partner_tokens() -> PartnerTokenViewSet:
    return PartnerTokenViewSet("partner_tokens")


@hooks.register("register_admin_viewset")
def register_webhook_subscriptions() -> WebhookSubscriptionViewSet:
    return WebhookSubscriptionViewSet("webhook_subscriptions")


@hooks.register("register_admin_viewset")
def register_webhook_deliveries() -> WebhookDeliveryViewSet:
    return WebhookDeliveryViewSet("webhook_deliveries")


@hooks.register("register_admin_viewset")
def register_api_write_audit() -> ApiWriteAuditViewSet:
    return ApiWriteAuditViewSet("api_write_audit")
