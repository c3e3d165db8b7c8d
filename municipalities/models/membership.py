from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.models.municipality import Municipality


class Role(models.TextChoices):
    MEMBER = "member", _("member")
    EDITOR = "editor", _("editor")
    KNOWLEDGE_BROKER = "knowledge_broker", _("knowledge broker")


class MembershipQuerySet(models.QuerySet):
    def with_roles(self) -> "MembershipQuerySet":
        """Memberships with what roles() needs, in the one query: for listings."""
        in_editorial_group = get_user_model().groups.through.objects.filter(
            user_id=models.OuterRef("user_id"),
            group__municipality_workspace__municipality_id=models.OuterRef("municipality_id"),
        )
        return self.select_related("user", "municipality").annotate(
            is_editor=models.Exists(in_editorial_group)
        )


class Membership(models.Model):
    """The municipality a user acts for, and whether they are its knowledge broker.

    One per user: a professional asks, answers and writes on behalf of one
    municipality. Of the roles, only "member" (having a membership at all) and
    "knowledge broker" are stored here; "editor" is membership of the
    municipality's editorial group, which is what Wagtail's permissions read, so it
    is stored once, there. municipalities.membership is the public API;
    municipalities.membership_sync keeps the two consistent.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="municipality_membership",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    knowledge_broker = models.BooleanField(
        _("knowledge broker"),
        default=False,
        help_text=_("Receives the questions put to this municipality."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.municipality})"

    def roles(self) -> frozenset[Role]:
        """MEMBER always; EDITOR if in the municipality's editorial group; KNOWLEDGE_BROKER."""
        roles = {Role.MEMBER}
        if self.knowledge_broker:
            roles.add(Role.KNOWLEDGE_BROKER)
        is_editor = getattr(self, "is_editor", None)  # annotated by with_roles()
        if is_editor is None:
            is_editor = self.user.groups.filter(
                municipality_workspace__municipality_id=self.municipality_id
            ).exists()
        if is_editor:
            roles.add(Role.EDITOR)
        return frozenset(roles)

    @admin.display(description=_("roles"))
    def roles_label(self) -> str:
        return ", ".join(str(role.label) for role in Role if role in self.roles())
