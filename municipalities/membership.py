"""Which municipality a user acts for, and in which role: the one place to ask.

The roles a user can have in their municipality:

* **member**: has a Membership; sees members-only pages (as every logged-in user
  does) and will ask questions on the municipality's behalf;
* **editor**: writes the municipality's casusbladen and lessen. This role *is*
  membership of the municipality's editorial group (``Workspace.editor_group``),
  because that is what Wagtail's page and document permissions read; it is not
  stored a second time. ``set_membership`` adds or removes the group, and
  municipalities.membership_sync keeps the rest consistent whichever way the group
  is changed (this API, the membership admin, or Wagtail's user editor);
* **knowledge broker** (kennismakelaar): receives the questions put to the
  municipality (``Membership.knowledge_broker``).

Moderating (the Kennisredactie) is platform-wide, not a role in a municipality;
it is a group of its own, see cases.editors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection

from municipalities.models import Membership, Municipality, Role


@dataclass(frozen=True)
class Affiliation:
    """A user's municipality and their roles in it (always including MEMBER)."""

    municipality: Municipality
    roles: frozenset[Role]

    def has(self, role: Role) -> bool:
        return role in self.roles


def membership_of(user: AbstractBaseUser | AnonymousUser) -> Affiliation | None:
    """The municipality the user acts for and their roles there; None if they act for none."""
    if not user.is_authenticated:
        return None
    membership = Membership.objects.with_roles().filter(user_id=user.pk).first()
    if membership is None:
        return None
    return Affiliation(membership.municipality, membership.roles())


def members(municipality: Municipality, role: Role = Role.MEMBER) -> models.QuerySet:
    """The active users who act for ``municipality`` and have ``role`` there."""
    users = get_user_model().objects.filter(
        is_active=True, municipality_membership__municipality=municipality
    )
    if role == Role.EDITOR:
        users = users.filter(groups__municipality_workspace__municipality=municipality)
    elif role == Role.KNOWLEDGE_BROKER:
        users = users.filter(municipality_membership__knowledge_broker=True)
    return users.distinct()


def editor_group_of(municipality: Municipality) -> Group | None:
    """The municipality's editorial group, once setup_editors has made it."""
    return Group.objects.filter(municipality_workspace__municipality=municipality).first()


def collection_of(municipality: Municipality) -> Collection | None:
    """The municipality's document collection, once setup_editors has made it."""
    return Collection.objects.filter(municipality_workspace__municipality=municipality).first()


def municipality_of_collection(collection: Collection) -> Municipality | None:
    """The municipality whose collection this is (None for root and other collections)."""
    return Municipality.objects.filter(workspace__collection=collection).first()


@transaction.atomic
def set_membership(
    user: AbstractBaseUser, municipality: Municipality, roles: Iterable[Role] = ()
) -> Membership:
    """Make ``user`` act for ``municipality`` with exactly ``roles`` (MEMBER is implied).

    Moving a user to another municipality drops their roles in the old one.
    """
    roles = set(roles)
    group = editor_group_of(municipality)
    if Role.EDITOR in roles and group is None:
        raise ValidationError(
            _("%(municipality)s has no editorial group yet (run setup_editors).")
            % {"municipality": municipality}
        )
    membership, _created = Membership.objects.update_or_create(
        user=user,
        defaults={
            "municipality": municipality,
            "knowledge_broker": Role.KNOWLEDGE_BROKER in roles,
        },
    )
    if Role.EDITOR in roles:
        user.groups.add(group)
    elif group is not None:
        user.groups.remove(group)
    return membership


def end_membership(user: AbstractBaseUser) -> None:
    """The user no longer acts for any municipality (and so edits for none)."""
    Membership.objects.filter(user_id=user.pk).delete()


__all__ = [
    "Affiliation",
    "Role",
    "collection_of",
    "editor_group_of",
    "end_membership",
    "members",
    "membership_of",
    "municipality_of_collection",
    "set_membership",
]
