from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection

from municipalities.models.municipality import Municipality


class Workspace(models.Model):
    """Where a municipality's people work in the admin: its editorial group and collection.

    An explicit link, made by setup_editors, instead of a name or a permission row to
    infer it from: when the CBS list renames a municipality its group (with the
    editors in it) and its collection (with the documents in it) are renamed, never
    replaced, and a group or collection someone renamed or granted by hand stays
    whose it was. Each group and each collection belongs to one municipality at most.
    """

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="workspace",
    )
    editor_group = models.OneToOneField(
        Group,
        verbose_name=_("editorial group"),
        on_delete=models.CASCADE,
        related_name="municipality_workspace",
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("document collection"),
        on_delete=models.CASCADE,
        related_name="municipality_workspace",
    )

    class Meta:
        verbose_name = _("municipality workspace")
        verbose_name_plural = _("municipality workspaces")

    def __str__(self) -> str:
        return str(self.municipality)
