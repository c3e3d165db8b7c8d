from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class CaseAttachment(Orderable):
    """A document (report, evaluation, template) that belongs to a casusblad."""

    page = ParentalKey("cases.CasePage", on_delete=models.CASCADE, related_name="attachments")
    # PROTECT: deleting a document must not silently strip it from live casusbladen.
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.PROTECT
    )
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
