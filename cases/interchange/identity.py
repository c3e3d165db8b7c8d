"""Which page an interchange `external_id` names.

Pages written in the admin have no external_id. The export gives them
`kennisbank-<page id>` instead of leaving them out, and the import resolves that
name back to the same page, so exporting and re-importing into the same database
updates those pages rather than creating copies.
"""

import re

from django.db.models import Q

from cases.models.pages import MunicipalityOwnedPage

GENERATED_PREFIX = "kennisbank-"
_GENERATED = re.compile(rf"^{re.escape(GENERATED_PREFIX)}(\d+)$")


def external_id_of(page: MunicipalityOwnedPage) -> str:
    return page.external_id or f"{GENERATED_PREFIX}{page.pk}"


def find_page(model: type[MunicipalityOwnedPage], external_id: str) -> MunicipalityOwnedPage | None:
    """The page of `model` that `external_id` names, or None."""
    page = model.objects.filter(external_id=external_id).first()
    if page is not None:
        return page
    generated = _GENERATED.match(external_id)
    if generated is None:
        return None
    # Only a page without an external_id of its own answers to a generated name.
    return (
        model.objects.filter(pk=int(generated[1]))
        .filter(Q(external_id__isnull=True) | Q(external_id=""))
        .first()
    )


def known_ids(model: type[MunicipalityOwnedPage]) -> set[str]:
    """Every name under which find_page() finds a page of `model`."""
    return {
        external_id or f"{GENERATED_PREFIX}{pk}"
        for pk, external_id in model.objects.values_list("pk", "external_id")
    }
