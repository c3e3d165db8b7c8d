"""Who may change a document's file: its uploader until it is live, then the Kennisredactie.

Wagtail lets whoever uploaded a document edit, replace and delete it (its "ownership"
policy), because an uploader with "add" permission owns what they added. Once a
casusblad that uses the document is live, that would let an editor change what the
public reads without the review every page change goes through: replace the file of
an approved page's attachment and the live page serves the new file at once.

So ownership ends where live use begins. A municipality's editors keep their own
documents' edit and delete rights until a live page uses them; after that only
someone with the real ``change_document`` permission on the collection (the
Kennisredactie, superusers) may touch them. An editor who wants a new version
uploads a new document and attaches it in a draft, which is reviewed like any other
change.

"Live use" is read generously, the safe direction here: every live page the
reference index names (even if that entry is a moment stale), every attachment
row of a live page (there before the index task has run), and, while an index
update is still queued or running, every document: a rich-text link a moderator
has just published is only known once that task has run.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from cases.documents_access import referring_page_ids
from cases.models import CaseAttachment

_EDITS = frozenset({"change", "delete"})
REFERENCE_INDEX_TASK = "wagtail.tasks.update_reference_index_task"


class ReviewedDocumentPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's document policy, without the owner's edit right on documents in live use."""

    def user_has_any_permission_for_instance(
        self, user: AbstractBaseUser, actions, instance: Model
    ) -> bool:
        requested = set(actions)
        if (
            requested & _EDITS
            and not self._may_change_any(user, instance)
            and is_in_live_use(instance)
        ):
            requested -= _EDITS
            if not requested:
                return False
        return super().user_has_any_permission_for_instance(user, requested, instance)

    def _may_change_any(self, user: AbstractBaseUser, instance: Model) -> bool:
        """A change permission of one's own, not one that comes from having uploaded it."""
        if not user.is_active:
            return False
        return user.is_superuser or self._check_perm(
            user, ["change"], collection=instance.collection
        )


def is_in_live_use(document: Model) -> bool:
    if document.pk is None:
        return False
    if reference_index_update_pending():
        return True
    if CaseAttachment.objects.filter(document=document, page__live=True).exists():
        return True
    return Page.objects.filter(pk__in=referring_page_ids(document), live=True).exists()


def reference_index_update_pending() -> bool:
    """Whether the task queue still holds a reference index update (the database backend)."""
    return DBTaskResult.objects.filter(
        task_path=REFERENCE_INDEX_TASK,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).exists()


def reviewed_document_policy() -> ReviewedDocumentPolicy:
    return ReviewedDocumentPolicy(
        "wagtaildocs.Document",
        auth_model="wagtaildocs.Document",
        owner_field_name="uploaded_by_user",
    )
