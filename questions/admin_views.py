"""Questions in the Wagtail admin, for the Kennisredactie: a listing to oversee them.

Moderators see every question with its state, municipality and dates, filter by
state and visibility, and open one to inspect it (the invitations and answers are
on the question's own page, linked from there). Nothing is added or edited here:
every state change goes through questions.lifecycle, whose checks an admin form
would bypass.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from questions import access
from questions.models import Question


class ModeratorsMayView(BasePermissionPolicy):
    """The Kennisredactie and superusers view questions; nobody adds, edits or deletes."""

    def user_has_permission(self, user, action: str) -> bool:
        return action == "view" and access.is_moderator(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    menu_order = 820
    add_to_admin_menu = True
    inspect_view_enabled = True
    form_fields = ["title"]  # required by ModelViewSet; the edit view is refused by the policy
    inspect_view_fields = [
        "title",
        "body",
        "municipality",
        "asker",
        "state",
        "visibility",
        "wanted_by",
        "created_at",
        "resolved_at",
    ]
    list_display = ["title", "municipality", "state", "visibility", "wanted_by", "created_at"]
    list_filter = ["state", "visibility"]
    search_fields = ["title"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
