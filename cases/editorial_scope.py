"""What one editor, or one municipality's import, may put on a page and see in the admin.

A document or page id is just a number in a form post or an import line. Without a
check, an editor of one municipality could attach another municipality's
confidential document (which the draft preview then lists and links), or link a
draft of theirs, by typing its id. A scope is the answer to "which documents and
pages may this actor use?":

* documents: those of the collections the actor may *choose* from (Wagtail's own
  document permission: a municipality's editors their collection, the
  Kennisredactie all of them). Other municipalities' documents are not offered even
  when public: reuse would tie one municipality's file to another's page, so that
  withdrawing it would no longer be in the first municipality's hands. A public
  document is reachable through a link to the page that carries it.
* pages: live pages (public or members-only; each link target keeps its own
  restriction) and the pages the actor may edit, drafts included.

What a page already uses was vetted when it got there (a moderator may attach a
Kennisredactie document), so it stays allowed on later edits.

An import acts for a municipality rather than a user: cases.municipality_scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import page_permission_policy, policy_registry
from wagtail.rich_text import extract_references_from_rich_text

DOCUMENT_REFUSED = _("Document %(id)s is not one of your municipality's documents.")
PAGE_REFUSED = _("Page %(id)s is not published and is not yours to edit.")


@dataclass(frozen=True)
class Reference:
    """A document or page a page points at: by attachment, rich-text link or relation."""

    model: type[Model]
    pk: str


@dataclass
class Scope:
    """The documents and pages an actor may use; querysets, so checks stay in the database."""

    documents: QuerySet
    pages: QuerySet

    def refused(self, references: Iterable[Reference], already: set[Reference]) -> list[str]:
        """A message per reference outside the scope and not already on the page."""
        messages = []
        for reference in sorted(set(references) - already, key=lambda r: (r.model.__name__, r.pk)):
            if _is_document(reference.model):
                if not self.documents.filter(pk=reference.pk).exists():
                    messages.append(DOCUMENT_REFUSED % {"id": reference.pk})
            elif not self.pages.filter(pk=reference.pk).exists():
                messages.append(PAGE_REFUSED % {"id": reference.pk})
        return messages


def scope_for_user(user: AbstractBaseUser) -> Scope:
    document_policy = policy_registry.get_by_type(get_document_model())
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return Scope(
        documents=document_policy.instances_user_has_permission_for(user, "choose"),
        pages=Page.objects.filter(Q(live=True) | Q(pk__in=editable.values("pk"))),
    )


def pages_shown_in_admin(user: AbstractBaseUser) -> QuerySet:
    """Pages whose title the admin may show `user`: the ones they edit, and live ones.

    A live page whose pending draft renames it is left out for everyone who may not
    edit it, since the admin shows a page by its draft title; it is back once the
    new title is published.
    """
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return Page.objects.filter(
        Q(live=True, draft_title=F("title")) | Q(pk__in=editable.values("pk"))
    )


def references_of_page(page: Page) -> set[Reference]:
    """What a page instance points at, saved or not: the reference index's view plus relations."""
    return set(_indexed_references(page)) | set(_page_relations(page))


def already_used(page: Page) -> set[Reference]:
    """What the stored page uses now, in its row or its latest revision."""
    if page.pk is None:
        return set()
    stored = Page.objects.filter(pk=page.pk).first()
    if stored is None:
        return set()
    stored = stored.specific
    used = references_of_page(stored)
    latest = stored.get_latest_revision_as_object()
    if latest is not None:
        used |= references_of_page(latest)
    return used


def references_in_cleaned_data(form) -> set[Reference]:
    """What a submitted page form (and its inline formsets) points at."""
    found: set[Reference] = set()
    forms = [form, *(f for fs in getattr(form, "formsets", {}).values() for f in fs.forms)]
    for each in forms:
        data = getattr(each, "cleaned_data", None) or {}
        if data.get("DELETE"):
            continue
        model_fields = {field.name: field for field in each._meta.model._meta.get_fields()}
        for name, value in data.items():
            if isinstance(model_fields.get(name), RichTextField) and value:
                found |= set(_rich_text_references(value))
            elif isinstance(value, QuerySet):
                found |= {_reference(obj) for obj in value if _tracked(type(obj))}
            elif isinstance(value, Model) and _tracked(type(value)):
                found.add(_reference(value))
    return found


def _rich_text_references(html: str) -> Iterator[Reference]:
    for model, pk, _model_path, _content_path in extract_references_from_rich_text(html):
        if _tracked(model):
            yield Reference(_base(model), str(pk))


def _indexed_references(page: Page) -> Iterator[Reference]:
    tracked = {ContentType.objects.get_for_model(m).pk: m for m in (get_document_model(), Page)}
    for (
        content_type_id,
        object_id,
        _model_path,
        _content_path,
    ) in ReferenceIndex._extract_references_from_object(page):
        if content_type_id in tracked:
            yield Reference(tracked[content_type_id], str(object_id))


def _page_relations(page: Page) -> Iterator[Reference]:
    """Many-to-many relations to pages (a lesson's related cases), which the index skips."""
    for field in page._meta.get_fields():
        if isinstance(field, ParentalManyToManyField) and issubclass(field.related_model, Page):
            for related in getattr(page, field.name).all():
                yield Reference(Page, str(related.pk))


def _reference(obj: Model) -> Reference:
    return Reference(_base(type(obj)), str(obj.pk))


def _tracked(model: type[Model]) -> bool:
    return _is_document(model) or issubclass(model, Page)


def _is_document(model: type[Model]) -> bool:
    return issubclass(model, get_document_model())


def _base(model: type[Model]) -> type[Model]:
    return Page if issubclass(model, Page) else get_document_model()
