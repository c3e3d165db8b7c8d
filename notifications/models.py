from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SUBJECT_LIMIT = 200


class MailFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("immediately, one e-mail per notification")
    DAILY_DIGEST = "digest", _("once a day, in one e-mail")
    OFF = "off", _("no e-mail")


class Preference(models.Model):
    """How a user wants to be mailed: for every kind (``kind`` empty) or for one kind.

    Without a row a user is mailed immediately. A row for a kind overrides the row
    for every kind, so "a digest, but invitations at once" is two rows.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    frequency = models.CharField(
        _("e-mail"), max_length=12, choices=MailFrequency.choices, default=MailFrequency.IMMEDIATELY
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind or '*'} {self.frequency}"


class MailState(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("given up")


class MailMessage(models.Model):
    """One e-mail in the outbox, written in the same transaction as what it reports.

    The worker sends it (notifications.outbox); when the mail server is down the row
    stays queued with the error and a later attempt time, so nothing is lost.
    ``next_attempt_at`` doubles as the claim: a worker that takes the message moves
    it forward first, so a second worker (or a second run) does not send it again.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=SUBJECT_LIMIT + 50)
    text = models.TextField(_("plain text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=MailState.choices, default=MailState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def awaiting_digest(self) -> "NotificationQuerySet":
        return self.filter(mailing=MailFrequency.DAILY_DIGEST, mail__isnull=True)


class Notification(models.Model):
    """Something a user should know, shown under the bell and mailed as they prefer.

    ``mailing`` is what was decided when it was made (the preference may change
    later); ``mail`` is the e-mail that carried it, so a notification waiting for
    the digest is one with ``mailing`` digest and no mail yet.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=50)
    subject = models.CharField(_("subject"), max_length=SUBJECT_LIMIT)
    text = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mailing = models.CharField(_("e-mail"), max_length=12, choices=MailFrequency.choices)
    mail = models.ForeignKey(
        MailMessage,
        verbose_name=_("e-mail message"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["mailing", "mail"]),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"
