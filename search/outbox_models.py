"""The transactional outbox of the search index."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["IndexOutbox"]


class IndexOutbox(models.Model):
    """A page whose document must be (re)written or removed: the transactional outbox.

    A row is written in the same transaction as the change it records, so a change
    that commits is never lost even when Elasticsearch is down; the drain task reads
    the page as it is then, so the row needs no payload and replaying it is harmless.
    Drained rows are kept a while (``drained_at``) so a rebuild can replay what was
    drained into the old index while the new one was loading. A row of another
    document source (search.sources: a resolved question) names its ``kind``; its
    ``page_id`` is then that object's id.
    """

    page_id = models.PositiveBigIntegerField(_("page ID"))
    kind = models.CharField(
        _("document kind"),
        max_length=20,
        blank=True,
        default="",
        help_text=_("Empty for a page; otherwise the document source (e.g. vraag)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    drained_at = models.DateTimeField(_("drained at"), null=True, blank=True)

    class Meta:
        verbose_name = _("search index change")
        verbose_name_plural = _("search index changes")
        indexes = [models.Index(fields=["drained_at", "id"], name="search_outbox_pending")]

    def __str__(self) -> str:
        return f"{self.kind or 'page'} {self.page_id}"
