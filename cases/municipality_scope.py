"""The scope of an import, which acts for a municipality rather than for a user.

A municipality's collection comes from its workspace (municipalities.membership);
its case index from the page tree.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.models import Page

from cases.editorial_scope import Scope, already_used, references_of_page
from cases.models import CaseIndexPage
from municipalities.membership import collection_of
from municipalities.models import Municipality


def scope_for_municipality(municipality: Municipality) -> Scope:
    """What an import for `municipality` may use: what its own editors may."""
    collection = collection_of(municipality)
    index = case_index_page_of(municipality)
    documents = get_document_model().objects.all()
    own_pages = Page.objects.descendant_of(index) if index is not None else Page.objects.none()
    return Scope(
        documents=documents.filter(collection=collection) if collection else documents.none(),
        pages=Page.objects.filter(Q(live=True) | Q(pk__in=own_pages.values("pk"))),
    )


def case_index_page_of(municipality: Municipality) -> CaseIndexPage | None:
    return CaseIndexPage.objects.filter(municipality=municipality).first()


def check_import_references(page: Page, municipality: Municipality, *, new: bool) -> None:
    """Refuse an imported page that uses documents or pages its municipality may not.

    ``new``: the page was created by this import line, so its stored row is not
    something vetted before and grants nothing.
    """
    already = set() if new else already_used(page)
    refused = scope_for_municipality(municipality).refused(references_of_page(page), already)
    if refused:
        raise ValidationError({"references": refused})
