"""Who may download a document: whoever may see a page that uses it.

Wagtail protects documents per collection, and a municipality's collection holds the
attachments of its public casusbladen beside those of its members-only pages and its
unpublished drafts. So a document takes the visibility of the pages that use it:

* on a live page without view restrictions: everyone;
* on a live members-only page: whoever passes that page's restriction (any logged-in
  member, as cases.visibility defines it);
* on a page that is not live: whoever may edit that page;
* always: whoever may work with the document's collection (its municipality's
  editors, the Kennisredactie, superusers), as they see it in the admin anyway.

Where a document is used comes from Wagtail's reference index, which records every
foreign key (CaseAttachment) and rich-text document link of a page's database row:
the live content of a live page, the latest draft of a page that is not live. A
draft revision of a live page is not in the row, so a document attached there stays
out of public view until a moderator publishes it.

The index is rebuilt by a task after each save, so for a moment it can lag behind.
It is read so as to fail closed: a page the index names is only trusted if its
current row still uses the document (so a removed attachment stops being public at
once), and a page the index does not name yet grants nothing until the task has
run (a freshly published attachment answers 404 for those seconds, never the
reverse).
"""

from __future__ import annotations

import enum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import HttpRequest
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex
from wagtail.permissions import policy_registry

# Restrictions a visitor can meet by logging in (the page itself redirects to the login
# page for these); a password restriction asks for something else.
_LOGIN_RESTRICTIONS = {BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS}
# Collection permissions that make someone one of the collection's own people.
COLLECTION_ACTIONS = ("add", "change", "choose")


class Access(enum.Enum):
    """The answer for one request: served to all, to this user only, login first, or 404."""

    PUBLIC = "public"
    GRANTED = "granted"
    LOGIN = "login"
    REFUSED = "refused"


def document_access(document: Model, request: HttpRequest) -> Access:
    """How `request` may have `document`, from the pages that use it right now."""
    user = request.user
    granted = False
    login_helps = False
    for page in pages_using(document):
        if page.live:
            restrictions = page.get_view_restrictions()
            if not restrictions:
                return Access.PUBLIC
            if all(restriction.accept_request(request) for restriction in restrictions):
                granted = True
            elif not user.is_authenticated and all(
                restriction.restriction_type in _LOGIN_RESTRICTIONS for restriction in restrictions
            ):
                login_helps = True
        if not granted and user.is_authenticated and page.permissions_for_user(user).can_edit():
            granted = True
    if granted or works_with_collection(user, document):
        return Access.GRANTED
    return Access.LOGIN if login_helps else Access.REFUSED


def works_with_collection(user: AbstractBaseUser | AnonymousUser, document: Model) -> bool:
    """Whether `user` is one of the people of the document's collection."""
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, COLLECTION_ACTIONS, document)


def pages_using(document: Model) -> list[Page]:
    """The pages whose current database row uses `document` (specific instances)."""
    page_ids = referring_page_ids(document)
    if not page_ids:
        return []
    pages = Page.objects.filter(pk__in=page_ids).specific()
    return [page for page in pages if _still_uses(page, document)]


def referring_page_ids(document: Model) -> set[int]:
    """The ids of the pages the reference index says use `document` (possibly stale)."""
    page_type = ContentType.objects.get_for_model(Page)
    object_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return {int(object_id) for object_id in object_ids}


def _still_uses(page: Page, document: Model) -> bool:
    """Whether the page's row references `document` now, whatever the index says.

    Wagtail's own extraction, the one the index task runs, so the two can never
    disagree about what counts as a use.
    """
    document_type = ContentType.objects.get_for_model(get_document_model()).pk
    wanted = str(document.pk)
    return any(
        content_type_id == document_type and object_id == wanted
        for content_type_id, object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(page)
        )
    )
