"""What a municipality's editors may not change although Wagtail's grants reach it.

**The case index.** A municipality's case index is edited from above, and only
added to from below.

A municipality's editors hold ``add_page`` and ``change_page`` on its case index,
because that is how Wagtail lets them add casusbladen below it and edit each
other's. Wagtail would also let them edit, copy, delete, move and lock the index
itself (its title, its municipality, its introduction), which are not theirs to
change. So on the index page only the grants made on the page's ancestors count,
except ``add``: the Kennisredactie (granted on the home page) keeps every right,
the municipality's editors keep only adding below it.

**The external ID.** It is set by the importer to tie a page to its record in a
partner system; changing it by hand breaks the next import's match, so the field is
shown only to holders of ``cases.change_external_id``: the Kennisredactie and
superusers.
"""

from wagtail.admin.panels import FieldPanel
from wagtail.models import PagePermissionTester

EXTERNAL_ID_PERMISSION = "cases.change_external_id"
# The same codename on each page type that has the field (Meta.permissions).
EXTERNAL_ID_META_PERMISSION = ("change_external_id", "Can change the external ID")


def external_id_panel() -> FieldPanel:
    return FieldPanel("external_id", permission=EXTERNAL_ID_PERMISSION)


class CaseIndexPermissionTester(PagePermissionTester):
    def __init__(self, user, page) -> None:
        super().__init__(user, page)
        if self.user.is_active and not self.user.is_superuser:
            from_above = {
                grant.permission.codename.rsplit("_", maxsplit=1)[0]
                for grant in self.permission_policy.get_cached_permissions_for_user(user)
                if page.path.startswith(grant.page.path) and grant.page.path != page.path
            }
            self.permissions = from_above | (self.permissions & {"add"})

    def can_edit(self) -> bool:
        # Wagtail lets anyone with "add" edit the pages they own; an index is not
        # owned by its municipality's editors even if one of them created it.
        if self.user.is_active and not self.user.is_superuser and "change" not in self.permissions:
            return False
        return super().can_edit()


class AddedToFromBelow:
    """Mixin for CaseIndexPage: Wagtail asks the specific page for its tester."""

    def permissions_for_user(self, user) -> CaseIndexPermissionTester:
        return CaseIndexPermissionTester(user, self)
