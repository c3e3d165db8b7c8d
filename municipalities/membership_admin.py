"""Managing memberships in the admin: who acts for which municipality, in which role."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from municipalities.membership import Role, editor_group_of, set_membership
from municipalities.models import Membership


class MembershipForm(WagtailAdminModelForm):
    """The editor role is a checkbox here, stored as membership of the editorial group."""

    editor = forms.BooleanField(
        label=_("editor"),
        required=False,
        help_text=_(
            "Writes and submits the municipality's casusbladen and lessen "
            "(member of its editorial group)."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A membership belongs to one user; another user gets a membership of their own.
            self.fields["user"].disabled = True
            self.initial["editor"] = Role.EDITOR in self.instance.roles()

    def clean(self) -> dict:
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if cleaned.get("editor") and municipality and editor_group_of(municipality) is None:
            self.add_error(
                "editor",
                _("%(municipality)s has no editorial group yet (run setup_editors).")
                % {"municipality": municipality},
            )
        return cleaned

    def save(self, commit: bool = True) -> Membership:
        roles = {Role.EDITOR} if self.cleaned_data["editor"] else set()
        if self.cleaned_data["knowledge_broker"]:
            roles.add(Role.KNOWLEDGE_BROKER)
        user = self.instance.user if self.instance.pk else self.cleaned_data["user"]
        self.instance = set_membership(user, self.cleaned_data["municipality"], roles)
        return self.instance


class MembershipIndexView(IndexView):
    queryset = Membership.objects.with_roles()  # roles without a query per row


class MembershipViewSet(ModelViewSet):
    """Memberships: the one place where a user's municipality and roles are set."""

    model = Membership
    index_view_class = MembershipIndexView
    icon = "group"
    menu_label = _("Memberships")
    list_display = ["user", "municipality", "roles_label"]
    list_filter = ["knowledge_broker"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "municipality__name"]
    search_backend_name = None
    ordering = ["municipality__name", "user__username"]
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("municipality"),
            FieldPanel("editor"),
            FieldPanel("knowledge_broker"),
        ],
        base_form_class=MembershipForm,
    )
