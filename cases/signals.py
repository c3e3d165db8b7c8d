from django.dispatch import Signal, receiver
from wagtail.signals import post_page_move

from cases.models.pages import MunicipalityOwnedPage

# Sent with ``page_ids`` when pages' publication dates were set without a save
# (the importer keeps the dates of the source, after publishing): whatever keeps
# derived copies of pages (search's fallback table) listens, so cases need not
# know who, and imports nothing above it.
page_dates_changed = Signal()


@receiver(post_page_move)
def keep_owner_after_move(sender, instance, parent_page_after, **kwargs) -> None:
    """A casusblad moved to another municipality's index now belongs to that municipality.

    Wagtail saves the moved page as a plain Page, which skips the specific save()
    that normally sets the owner.
    """
    page = instance.specific
    if isinstance(page, MunicipalityOwnedPage):
        page.save(update_fields=["municipality"])
