"""Which page an interchange `external_id` names.

Pages written in the admin have no external_id. The export gives them
`kennisbank-<page id>` instead of leaving them out, and the import resolves that
name back to the same page, so exporting and re-importing into the same database
updates those pages rather than creating copies.
"""

import re
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from cases.models.pages import MunicipalityOwnedPage

GENERATED_PREFIX = "kennisbank-"
_GENERATED = re.compile(rf"^{re.escape(GENERATED_PREFIX)}(\d+)$")


def external_id_of(page: MunicipalityOwnedPage) -> str:
    return page.external_id or f"{GENERATED_PREFIX}{page.pk}"


def find_page(model: type[MunicipalityOwnedPage], external_id: str) -> MunicipalityOwnedPage | None:
    """The page of `model` that `external_id` names, or None."""
    return find_pages(model.objects.all(), [external_id]).get(external_id)


def find_pages(queryset: QuerySet, external_ids: Iterable[str]) -> dict[str, MunicipalityOwnedPage]:
    """The pages of `queryset` that `external_ids` name, by name, in one query."""
    names = set(external_ids) - {""}
    generated = {int(match[1]) for name in names if (match := _GENERATED.match(name))}
    # Only a page without an external_id of its own answers to a generated name.
    without_own = Q(external_id__isnull=True) | Q(external_id="")
    found: dict[str, MunicipalityOwnedPage] = {}
    for page in queryset.filter(Q(external_id__in=names) | (Q(pk__in=generated) & without_own)):
        name = external_id_of(page)
        # A page whose own external_id looks generated wins over the page of that pk.
        if page.external_id or name not in found:
            found[name] = page
    return found


def known_ids(model: type[MunicipalityOwnedPage]) -> set[str]:
    """Every name under which find_page() finds a page of `model`."""
    return {
        external_id or f"{GENERATED_PREFIX}{pk}"
        for pk, external_id in model.objects.values_list("pk", "external_id")
    }
