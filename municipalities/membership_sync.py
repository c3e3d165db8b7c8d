"""Keeps "editor of X" (a group) and "acts for X" (a Membership) from contradicting.

The invariant: a user is in at most one editorial group, that of the municipality
they act for. Both facts are stored once; these handlers enforce the invariant
whichever side changes, so nobody has to remember to update the other:

* putting a user in municipality X's editorial group (Wagtail's user editor, the
  membership admin, code) makes them act for X: a Membership is created, or moved
  to X, which drops a knowledge-broker role they had in another municipality;
* moving a Membership to another municipality, or deleting it, takes the user out
  of every editorial group that is not their municipality's.

Adding one user to two editorial groups in one go is refused: which municipality
they act for would be a guess.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from municipalities.models import Membership, Workspace

User = get_user_model()
UserGroups = User.groups.through


@receiver(post_save, sender=Membership, dispatch_uid="membership_leaves_other_groups")
def leave_other_editorial_groups(sender, instance: Membership, **kwargs) -> None:
    _editorial_rows(instance.user_id).exclude(
        group__municipality_workspace__municipality_id=instance.municipality_id
    ).delete()


@receiver(post_delete, sender=Membership, dispatch_uid="membership_ends_editing")
def leave_all_editorial_groups(sender, instance: Membership, **kwargs) -> None:
    _editorial_rows(instance.user_id).delete()


@receiver(m2m_changed, sender=UserGroups, dispatch_uid="editor_acts_for_municipality")
def act_for_the_municipality_edited(
    sender, instance, action: str, reverse: bool, pk_set: set[int] | None, **kwargs
) -> None:
    if action != "pre_add" or not pk_set:
        return
    if isinstance(instance, Group):  # group.user_set.add(...)
        workspace = Workspace.objects.filter(editor_group=instance).first()
        if workspace is not None:
            for user_id in pk_set:
                _act_for(user_id, workspace.municipality_id)
        return
    municipality_ids = set(
        Workspace.objects.filter(editor_group_id__in=pk_set).values_list(
            "municipality_id", flat=True
        )
    )
    if len(municipality_ids) > 1:
        raise ValueError(f"{instance} cannot be an editor of more than one municipality")
    if municipality_ids:
        _act_for(instance.pk, municipality_ids.pop())


def _act_for(user_id: int, municipality_id: int) -> None:
    membership = Membership.objects.filter(user_id=user_id).first()
    if membership is None:
        Membership.objects.create(user_id=user_id, municipality_id=municipality_id)
    elif membership.municipality_id != municipality_id:
        membership.municipality_id = municipality_id
        membership.knowledge_broker = False
        membership.save()


def _editorial_rows(user_id: int):
    return UserGroups.objects.filter(user_id=user_id, group__municipality_workspace__isnull=False)
