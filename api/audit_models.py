"""The audit log of the API's writes: who changed what through /api/v1, and how it ended.

A partner system writes on behalf of a municipality, so the municipality (and the
Kennisredactie) must be able to see afterwards what a token did, refusals included:
a stream of 403s or 422s is how a misconfigured or misused system shows. One row per
write request, in the same transaction as the write itself (api.audit), so a row
never claims a change that was rolled back, and a change never lacks its row.
Nothing of the request body is kept: it may hold the personal data the privacy
guard refused.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiWriteAudit(models.Model):
    token = models.ForeignKey(
        "api.PartnerToken",
        verbose_name=_("partner token"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="write_audits",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The person, or the partner account of the token."),
    )
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    status = models.PositiveSmallIntegerField(_("status"))
    object_type = models.CharField(_("object type"), max_length=30, blank=True)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("API write")
        verbose_name_plural = _("API writes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.method} {self.path} → {self.status}"

    @property
    def object_label(self) -> str:
        return f"{self.object_type} {self.object_id}" if self.object_id else self.object_type
