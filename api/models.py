import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality

TOKEN_PREFIX = "kb"  # noqa: S105 (the public marker of a token, not a secret)
# last_used_at is written at most once per this many seconds per token, so a busy
# partner system does not turn every read into a write.
LAST_USED_RESOLUTION = 60
DEFAULT_LIFETIME = datetime.timedelta(days=365)  # a token is renewed yearly, not forgotten


class Scope(models.TextChoices):
    """What a token may do. Reading cases is the common need; writing questions is opt-in."""

    CASES_READ = "cases:read", _("read casusbladen and lessons (members-only included)")
    QUESTIONS_READ = "questions:read", _("read the municipality's questions and invitations")
    QUESTIONS_WRITE = "questions:write", _("ask, answer and handle invitations")


def default_scopes() -> list[str]:
    return [Scope.CASES_READ.value]


def default_expiry() -> datetime.datetime:
    return timezone.now() + DEFAULT_LIFETIME


def _hash(secret: str) -> str:
    # The secret is 32 random bytes, so a plain SHA-256 suffices (no salt or
    # stretching: nothing to guess), and the lookup stays one indexed query.
    return hashlib.sha256(secret.encode()).hexdigest()


class PartnerToken(models.Model):
    """The credential of one partner system (a case system, a portal) of a municipality.

    A token per system rather than per person: a system keeps working when people
    leave, is throttled on its own, and is revoked on its own when it is replaced
    or leaks. Only a hash of the secret is stored; the full token is shown once,
    when it is made.
    """

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The partner system that uses this token, e.g. 'Zaaksysteem Zwolle'."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="partner_tokens",
    )
    key_id = models.CharField(_("key"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
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
    scopes = models.JSONField(
        _("scopes"),
        default=default_scopes,
        blank=True,
        help_text=_(
            "What the partner system may do with this token; without any it reads public data only."
        ),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        default=default_expiry,
        help_text=_("After this moment the token no longer works; make a new one in time."),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, editable=False)
    # The user the token acts through in the question flow (api.partner_accounts).
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partner account"),
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="partner_token",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, editable=False)

    class Meta:
        verbose_name = _("partner token")
        verbose_name_plural = _("partner tokens")
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def allows(self, scope: Scope | str) -> bool:
        return str(scope) in (self.scopes or [])

    def clean(self) -> None:
        unknown = set(self.scopes or []) - set(Scope.values)
        if unknown:
            raise ValidationError({"scopes": _("Unknown scope: %s") % ", ".join(sorted(unknown))})

    def has_scope(self, scope: Scope) -> bool:
        return self.is_active and self.allows(scope)

    def issue(self) -> str:
        """Give the token a new key and secret and return the full token (shown once)."""
        self.key_id = secrets.token_hex(8)
        secret = secrets.token_urlsafe(32)
        self.secret_hash = _hash(secret)
        return f"{TOKEN_PREFIX}_{self.key_id}_{secret}"

    def matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, _hash(secret))

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() >= (
            LAST_USED_RESOLUTION
        ):
            PartnerToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


def parse_token(token: str) -> tuple[str, str] | None:
    """(key_id, secret) of a `kb_<key>_<secret>` token, or None when it is not one."""
    prefix, _sep, rest = token.partition("_")
    key_id, _sep, secret = rest.partition("_")
    if prefix != TOKEN_PREFIX or not key_id or not secret:
        return None
    return key_id, secret


# The webhook and audit tables live in their own modules; imported here so Django finds them.
from api.audit_models import ApiWriteAudit  # noqa: E402
from api.webhook_models import WebhookDelivery, WebhookSubscription  # noqa: E402

__all__ = [
    "ApiWriteAudit",
    "PartnerToken",
    "WebhookDelivery",
    "WebhookSubscription",
    "parse_token",
]
