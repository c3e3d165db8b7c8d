"""Webhooks: a partner system subscribes to question events and gets them POSTed.

Two tables: the subscription (whose token, which events, where to, with what
secret) and the delivery log (one row per event per subscription, with every
attempt's outcome), from which the admin replays a delivery.
"""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from questions.events import Event

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def validate_target_url(url: str) -> None:
    """https only: the body and its signature must not travel in the clear. Plain http
    is allowed to loopback addresses when WEBHOOK_ALLOW_LOOPBACK_HTTP (tests, dev)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if (
        parts.scheme == "http"
        and parts.hostname in LOOPBACK_HOSTS
        and settings.WEBHOOK_ALLOW_LOOPBACK_HTTP
    ):
        return
    raise ValidationError(_("The address must start with https://."), code="https_only")


def validate_events(events) -> None:
    known = {event.value for event in Event}
    if not isinstance(events, list) or not events or not set(events) <= known:
        raise ValidationError(
            _("Choose one or more of: %(events)s.") % {"events": ", ".join(sorted(known))}
        )


class WebhookSubscription(models.Model):
    """A partner system's wish to hear of question events, bound to its partner token.

    Bound to the token, not to the municipality alone: the subscription sees what the
    token's municipality may see (api.webhook_audience), stops with a revoked token,
    and its owner is whoever made the token. The secret signs every delivery; it is
    stored because signing needs it, and shown once, when the subscription is made.
    """

    token = models.ForeignKey(
        "api.PartnerToken",
        verbose_name=_("partner token"),
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    events = models.JSONField(_("events"), validators=[validate_events])
    target_url = models.URLField(
        _("address"),
        max_length=500,
        validators=[validate_target_url],
        help_text=_("Where the partner system receives the events (https)."),
    )
    secret = models.CharField(max_length=64, editable=False)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(
        _("failed attempts in a row"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["token__municipality__name", "target_url"]

    def __str__(self) -> str:
        return f"{self.token.name}: {self.target_url}"

    @property
    def is_active(self) -> bool:
        return self.paused_at is None and self.token.is_active

    def new_secret(self) -> str:
        self.secret = secrets.token_hex(32)
        return self.secret


class WebhookDeliveryQuerySet(models.QuerySet):
    def pending(self) -> "WebhookDeliveryQuerySet":
        return self.filter(delivered_at__isnull=True, next_attempt_at__isnull=False)


class WebhookDelivery(models.Model):
    """One event for one subscription: the body as sent, and how the attempts went.

    Pending while it has a next attempt; delivered once a 2xx came back; given up
    when the attempts ran out (no next attempt, not delivered). A replay is a new
    row with the same body (``replay_of``), so the log keeps what happened.
    """

    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=40, choices=[(e.value, e.value) for e in Event])
    payload = models.JSONField(_("body"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    response_ms = models.PositiveIntegerField(_("response time (ms)"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    replay_of = models.ForeignKey(
        "self",
        verbose_name=_("replay of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replays",
    )

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["delivered_at", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription.target_url}"

    @property
    def status(self) -> str:
        if self.delivered_at is not None:
            return str(_("delivered"))
        if self.next_attempt_at is not None:
            return str(_("pending"))
        return str(_("given up"))
