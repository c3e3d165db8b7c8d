"""Mail preferences: the page for logged-in users, and unsubscribing from a mail.

Unsubscribing needs no login: the signed token in the link is the proof. A GET only
shows the question, because link scanners and mail previews follow links; the POST
unsubscribes. The POST carries no CSRF token by design (mail programs send the
RFC 8058 one-click POST to the same address); a forged request would need the
signed token, which only the user's mailbox has.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from notifications.kinds import label, registered
from notifications.models import MailFrequency
from notifications.preferences import EVERY_KIND, preferences_of, set_frequency, set_preferences
from notifications.unsubscribe_links import read
from notifications.views import members_only

AS_GENERAL = ""


class PreferencesForm(forms.Form):
    """One choice for every kind, and per registered kind an optional exception."""

    general = forms.ChoiceField(
        label=_("E-mail me about notifications"),
        choices=MailFrequency.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind, name in kinds:
            self.fields[f"kind:{kind}"] = forms.ChoiceField(
                label=name,
                required=False,
                choices=[(AS_GENERAL, _("as chosen above")), *MailFrequency.choices],
            )

    def chosen(self) -> dict[str, MailFrequency | None]:
        chosen = {EVERY_KIND: MailFrequency(self.cleaned_data["general"])}
        for kind, _name in self.kinds:
            value = self.cleaned_data.get(f"kind:{kind}")
            chosen[kind] = MailFrequency(value) if value else None
        return chosen

    def kind_fields(self):
        return [self[f"kind:{kind}"] for kind, _name in self.kinds]


@require_http_methods(["GET", "POST"])
@members_only
def preferences(request: HttpRequest) -> HttpResponse:
    current = preferences_of(request.user)
    kinds = registered() + [(k, label(k)) for k in current if k and k not in dict(registered())]
    initial = {"general": current[EVERY_KIND]}
    initial |= {f"kind:{kind}": current.get(kind, AS_GENERAL) for kind, _name in kinds}
    form = PreferencesForm(request.POST or None, initial=initial, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        set_preferences(request.user, form.chosen())
        messages.success(request, _("Your preferences have been saved."))
        return redirect("notifications:preferences")
    return TemplateResponse(request, "notifications/preferences.html", {"form": form})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user, kind = read(token)
    except signing.BadSignature:
        return TemplateResponse(
            request, "notifications/unsubscribe.html", {"invalid": True}, status=400
        )
    context = {"kind_label": label(kind) if kind else None, "token": token}
    if request.method == "POST":
        set_frequency(user, MailFrequency.OFF, kind)
        context["done"] = True
    return TemplateResponse(request, "notifications/unsubscribe.html", context)
