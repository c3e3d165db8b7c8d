"""Documents, drafts and attachments for the document and editorial-scope tests."""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from cases.indexes import case_index_for
from cases.models import CaseAttachment, CasePage

PDF = b"%PDF-1.4\n" + b"1" * 2048


def make_document(title: str, collection: Collection, *, name: str = "rapport.pdf", data=PDF):
    document = Document(title=title, collection=collection)
    document.file.save(name, ContentFile(data), save=True)
    return document


def draft_case(municipality, **fields) -> CasePage:
    """A casusblad that was written and saved but never published."""
    page = CasePage(
        title=fields.pop("title", "Concept: schuldhulp in de wijk"),
        summary="Nog niet gepubliceerd.",
        period_start="2024-01-01",
        status="lopend",
        live=False,
        **fields,
    )
    case_index_for(municipality).add_child(instance=page)
    page.save_revision()
    return page


def attach(page: CasePage, document: Document) -> None:
    CaseAttachment.objects.create(page=page, document=document, description="Bijlage")
