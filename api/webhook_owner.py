"""Telling a subscription's owner that it was paused.

The owner is whoever made the partner token; when that account is gone or
inactive, the Kennisredactie, who manage the tokens, hear it instead.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.editors import moderators
from notifications.dispatch import notify

PAUSED = "webhook.paused"
PAUSED_LABEL = gettext_lazy("Paused webhooks of partner systems")


def owners(subscription) -> list:
    creator = subscription.token.created_by
    if creator is not None and creator.is_active:
        return [creator]
    return list(moderators())


def tell_owner_of_pause(subscription) -> None:
    values = {
        "system": subscription.token.name,
        "url": subscription.target_url,
        "count": subscription.consecutive_failures,
    }
    for user in owners(subscription):
        notify(
            user,
            kind=PAUSED,
            subject=_("Webhook of %(system)s paused") % values,
            text=_(
                "Deliveries to %(url)s failed %(count)s times in a row, so the webhook "
                "has been paused. New events are kept. Check the receiving system, then "
                "resume the subscription in the admin."
            )
            % values,
            url=reverse("webhook_subscriptions:edit", args=[subscription.pk]),
            required=True,
        )
