"""Partner tokens in the Wagtail admin (Instellingen → Partnertokens).

Superusers and the Kennisredactie make a token for a partner system of a
municipality; its full value is shown once, on the page that answers the form,
and never again (only a hash is stored). Editing renames a token or revokes it;
a revoked token stays revoked and stays listed, with when it was last used.
"""

from django import forms
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from api.models import PartnerToken, Scope, default_scopes
from cases.editors import is_moderator


class ModeratorsOnly(BasePermissionPolicy):
    """Superusers and the Kennisredactie: tokens open members-only data to a system."""

    def user_has_permission(self, user, action: str) -> bool:
        return is_moderator(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class ScopesField(forms.MultipleChoiceField):
    """The token's scopes as checkboxes (stored as a JSON list of scope names)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        kwargs.setdefault("required", False)
        super().__init__(choices=Scope.choices, **kwargs)


class TokenCreateForm(forms.ModelForm):
    scopes = ScopesField(label=_("scopes"), initial=default_scopes)

    class Meta:
        model = PartnerToken
        fields = ["name", "municipality", "scopes", "expires_at"]


class TokenEditForm(forms.ModelForm):
    scopes = ScopesField(label=_("scopes"))
    revoke = forms.BooleanField(
        label=_("Revoke this token"),
        required=False,
        help_text=_("The partner system can no longer use it. This cannot be undone."),
    )

    class Meta:
        model = PartnerToken
        fields = ["name", "scopes", "expires_at"]

    def save(self, commit: bool = True) -> PartnerToken:
        token = super().save(commit=commit)
        if self.cleaned_data.get("revoke"):
            token.revoke()
        return token


class CreateToken(generic.CreateView):
    def save_instance(self) -> PartnerToken:
        token = self.form.save(commit=False)
        self.full_token = token.issue()
        token.created_by = self.request.user
        token.save()
        return token

    def save_action(self):
        return TemplateResponse(
            self.request,
            "api/token_created.html",
            {
                "token": self.object,
                "full_token": self.full_token,
                "index_url": reverse(self.index_url_name),
            },
        )


class PartnerTokenViewSet(ModelViewSet):
    model = PartnerToken
    icon = "key"
    menu_label = _("Partner tokens")
    add_to_settings_menu = True
    form_fields = ["name", "municipality", "scopes", "expires_at"]
    list_display = [
        "name",
        "municipality",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["municipality"]
    add_view_class = CreateToken
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update: bool = False):
        return TokenEditForm if for_update else TokenCreateForm
