from django.dispatch import receiver
from wagtail.signals import post_page_move

from cases.models.pages import MunicipalityOwnedPage


@receiver(post_page_move)
def keep_owner_after_move(sender, instance, parent_page_after, **kwargs) -> None:
    """A casusblad moved to another municipality's index now belongs to that municipality.

    Wagtail saves the moved page as a plain Page, which skips the specific save()
    that normally sets the owner.
    """
    page = instance.specific
    if isinstance(page, MunicipalityOwnedPage):
        page.save(update_fields=["municipality"])
