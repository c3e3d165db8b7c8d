"""Posting webhook deliveries from the worker: signed, timed, retried, paused.

Each attempt POSTs the JSON body with the signature headers (api.webhook_signing),
waits at most WEBHOOK_TIMEOUT seconds (5), follows no redirect, and counts only a
2xx as delivered. A failure records status, time and error and plans the next
attempt after an exponential backoff (1 min, 2 min, 4 min, ... at most 6 h) until
WEBHOOK_MAX_ATTEMPTS. A subscription whose attempts fail WEBHOOK_PAUSE_AFTER
times in a row is paused, and its owner told; its deliveries wait until a
moderator resumes it. Claiming works as in the mail outbox: one conditional UPDATE
moves ``next_attempt_at`` forward by a lease, so two runs never post one delivery
at the same time.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from api.webhook_models import WebhookDelivery, WebhookSubscription
from api.webhook_owner import tell_owner_of_pause
from api.webhook_signing import signed_headers

# The mail outbox's schedule (1 min, 2 min, 4 min, ... at most 6 h): one retry policy for
# everything the worker sends to another system.
from notifications.outbox import retry_delay

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
BATCH = 100
USER_AGENT = "Kennisbank-Webhooks/1"
# Not sent: the token was revoked (or expired) after the event was recorded.
TOKEN_GONE = "The partner token is no longer valid."  # noqa: S105 (a message)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: the receiver's address is what was registered."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    response_ms: int
    error: str

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(delivery: WebhookDelivery) -> Outcome:
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Kennisbank-Webhook-Delivery": str(delivery.pk),
        **signed_headers(delivery.subscription.secret, body),
    }
    request = urllib.request.Request(  # noqa: S310 (https, or loopback http in tests)
        delivery.subscription.target_url, data=body, headers=headers, method="POST"
    )
    started = time.monotonic()
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            status, error = response.status, ""
    except urllib.error.HTTPError as failure:
        status, error = failure.code, f"HTTP {failure.code} {failure.reason}"
    except (urllib.error.URLError, OSError, ValueError) as failure:
        reason = getattr(failure, "reason", failure)
        status, error = None, f"{type(reason).__name__}: {reason}"
    elapsed = round((time.monotonic() - started) * 1000)
    return Outcome(status, elapsed, error[:2000])


def _claim(delivery_id: int, now: datetime) -> bool:
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery_id,
            delivered_at__isnull=True,
            next_attempt_at__lte=now,
            subscription__paused_at__isnull=True,
        ).update(next_attempt_at=now + LEASE, attempts=F("attempts") + 1)
    )


def _record(delivery: WebhookDelivery, outcome: Outcome, now: datetime) -> None:
    fields = {
        "status_code": outcome.status_code,
        "response_ms": outcome.response_ms,
        "last_error": outcome.error,
    }
    subscriptions = WebhookSubscription.objects.filter(pk=delivery.subscription_id)
    with transaction.atomic():
        if outcome.delivered:
            WebhookDelivery.objects.filter(pk=delivery.pk).update(
                delivered_at=timezone.now(), next_attempt_at=None, **fields
            )
            subscriptions.update(consecutive_failures=0)
            return
        given_up = delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=None if given_up else now + retry_delay(delivery.attempts), **fields
        )
        subscriptions.update(consecutive_failures=F("consecutive_failures") + 1)
        paused = subscriptions.filter(
            paused_at__isnull=True, consecutive_failures__gte=settings.WEBHOOK_PAUSE_AFTER
        ).update(paused_at=timezone.now())
    logger.warning(
        "Webhook delivery %s to %s failed (attempt %d%s): %s",
        delivery.pk,
        delivery.subscription.target_url,
        delivery.attempts,
        ", given up" if given_up else "",
        outcome.error,
    )
    if paused:
        tell_owner_of_pause(WebhookSubscription.objects.get(pk=delivery.subscription_id))


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int
    failed: int
    next_attempt_at: datetime | None


def deliver_due(now: datetime | None = None) -> DeliveryReport:
    """Post the due deliveries of active subscriptions (at most BATCH)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.pending().filter(
        next_attempt_at__lte=now, subscription__paused_at__isnull=True
    )
    delivered = failed = 0
    for delivery_id in due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:BATCH]:
        if not _claim(delivery_id, now):
            continue
        delivery = WebhookDelivery.objects.select_related("subscription__token").get(pk=delivery_id)
        if not delivery.subscription.token.is_active:
            _give_up(delivery, TOKEN_GONE)
            continue
        outcome = post(delivery)
        _record(delivery, outcome, now)
        delivered += outcome.delivered
        failed += not outcome.delivered
    earliest = (
        WebhookDelivery.objects.pending()
        .filter(subscription__paused_at__isnull=True)
        .aggregate(at=Min("next_attempt_at"))["at"]
    )
    return DeliveryReport(delivered, failed, earliest)


def _give_up(delivery: WebhookDelivery, reason: str) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=None, last_error=reason)


def resume(subscription: WebhookSubscription) -> None:
    """Unpause: the count starts again and what waited is due now."""
    now = timezone.now()
    with transaction.atomic():
        WebhookSubscription.objects.filter(pk=subscription.pk).update(
            paused_at=None, consecutive_failures=0
        )
        subscription.deliveries.pending().update(next_attempt_at=now)


def replay(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery's body again, as a new logged delivery."""
    return WebhookDelivery.objects.create(
        subscription=delivery.subscription,
        event=delivery.event,
        payload=delivery.payload,
        next_attempt_at=timezone.now(),
        replay_of=delivery,
    )
