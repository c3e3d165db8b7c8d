from django.db import transaction
from django.utils.text import slugify

from cases.models import CaseIndexPage, HomePage
from municipalities.models import Municipality


@transaction.atomic
def case_index_for(municipality: Municipality) -> CaseIndexPage:
    """The municipality's case index under the home page, created (published) on first use."""
    existing = CaseIndexPage.objects.filter(municipality=municipality).first()
    if existing is not None:
        return existing
    home = HomePage.objects.get()
    index = CaseIndexPage(
        title=municipality.name,
        slug=slugify(municipality.name.replace("'", "")),
        municipality=municipality,
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index
