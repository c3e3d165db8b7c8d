"""A stored page's values in interchange form, for the exporter and the importer.

The exporter writes these; the importer compares them (normalised) with an incoming
Record to decide "unchanged". Using one reader for both is what makes an exported
file re-import as unchanged.
"""

from typing import Any

from django.db.models import QuerySet
from wagtail.rich_text import expand_db_html

from cases.interchange.identity import external_id_of
from cases.interchange.schema import Kind, RecordType
from cases.interchange.text import local_date
from cases.models.pages import MunicipalityOwnedPage
from cases.visibility import is_members_only, with_members_only


def readable_pages(queryset: QuerySet, record_type: RecordType) -> QuerySet:
    """`queryset` with everything read_page() needs loaded in a few queries, not per page."""

    def attributes(*kinds: Kind) -> list[str]:
        return [field.attribute for field in record_type.fields if field.kind in kinds]

    return with_members_only(
        queryset.select_related("municipality", *attributes(Kind.TERM)).prefetch_related(
            *attributes(Kind.TERMS, Kind.MUNICIPALITIES, Kind.CASES)
        )
    )


def read_page(page: MunicipalityOwnedPage, record_type: RecordType) -> dict[str, Any]:
    """Each field of `record_type`, keyed by model attribute, as the file would say it."""
    return {
        field.attribute: _read(page, field.attribute, field.kind) for field in record_type.fields
    }


def _read(page: MunicipalityOwnedPage, attribute: str, kind: Kind) -> Any:
    value = getattr(page, attribute, None)
    match kind:
        case Kind.IDENTIFIER:
            return external_id_of(page)
        case Kind.TEXT | Kind.EMAIL | Kind.CHOICE:
            return value or ""
        case Kind.HTML:
            # Internal links (<a linktype="page" id="3">) only mean something in this
            # database; the file gets the real href.
            return expand_db_html(value) if value else ""
        case Kind.DATE:
            return value
        case Kind.TERM:
            return value.slug if value is not None else None
        case Kind.TERMS:
            return tuple(sorted(term.slug for term in value.all()))
        case Kind.MUNICIPALITIES:
            return tuple(sorted(municipality.cbs_code for municipality in value.all()))
        case Kind.CASES:
            return tuple(sorted(external_id_of(case) for case in value.all()))
        case Kind.OWNER:
            return page.municipality.cbs_code
        case Kind.VISIBILITY:
            return is_members_only(page)
        case Kind.PUBLISHED:
            return local_date(page.first_published_at) if page.first_published_at else None
    raise AssertionError(f"no reader for {kind}")
