"""Webhooks in the Wagtail admin (Instellingen): subscriptions, and the delivery log.

The Kennisredactie (and superusers) make a subscription for a partner token; its
secret is shown once, on the page that answers the form. Editing changes the
events or the address, pauses, or resumes (which sends what waited). The delivery
log is read-only, with a "replay" button on each delivery that sends its body
again as a new delivery.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from api.models import PartnerToken
from api.token_admin import ModeratorsOnly
from api.webhook_delivery import replay, resume
from api.webhook_models import WebhookDelivery, WebhookSubscription
from api.webhook_tasks import deliver_webhooks
from questions.events import Event


class ReadOnlyForModerators(ModeratorsOnly):
    """The delivery log is a record: moderators read it and replay, never edit it."""

    def user_has_permission(self, user, action: str) -> bool:
        return action == "view" and super().user_has_permission(user, action)


class SubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=[(event.value, event.value) for event in Event],
        widget=forms.CheckboxSelectMultiple,
    )
    target_url = forms.URLField(
        label=_("address"),
        assume_scheme="https",
        max_length=500,
        help_text=_("Where the partner system receives the events (https)."),
    )
    paused = forms.BooleanField(
        label=_("Paused"),
        required=False,
        help_text=_("No deliveries are sent while paused; they are kept and sent on resuming."),
    )

    class Meta:
        model = WebhookSubscription
        fields = ["token", "events", "target_url"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].queryset = PartnerToken.objects.filter(revoked_at__isnull=True)
        self.fields["paused"].initial = self.instance.paused_at is not None
        if self.instance.pk is None:
            del self.fields["paused"]

    def save(self, commit: bool = True) -> WebhookSubscription:
        subscription = super().save(commit=commit)
        if "paused" in self.fields and commit:
            if self.cleaned_data["paused"] and subscription.paused_at is None:
                WebhookSubscription.objects.filter(pk=subscription.pk).update(
                    paused_at=timezone.now()
                )
            elif not self.cleaned_data["paused"] and subscription.paused_at is not None:
                resume(subscription)
                deliver_webhooks.enqueue()
        return subscription


class CreateSubscription(generic.CreateView):
    def save_instance(self) -> WebhookSubscription:
        subscription = self.form.save(commit=False)
        self.secret = subscription.new_secret()
        subscription.created_by = self.request.user
        subscription.save()
        return subscription

    def save_action(self):
        return TemplateResponse(
            self.request,
            "api/webhook_created.html",
            {
                "subscription": self.object,
                "secret": self.secret,
                "index_url": reverse(self.index_url_name),
            },
        )


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    icon = "link-external"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    form_fields = ["token", "events", "target_url"]
    list_display = ["target_url", "token", "events", "paused_at", "consecutive_failures"]
    list_filter = ["token__municipality"]
    add_view_class = CreateSubscription
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update: bool = False):
        return SubscriptionForm


class DeliveryInspect(generic.InspectView):
    template_name = "api/webhook_delivery_inspect.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["replay_url"] = reverse("webhook_deliveries:replay", args=[self.object.pk])
        return context


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Webhook deliveries")
    add_to_settings_menu = True
    list_display = [
        "event",
        "subscription",
        "status",
        "attempts",
        "status_code",
        "response_ms",
        "created_at",
        "delivered_at",
    ]
    list_filter = ["event", "subscription"]
    inspect_view_enabled = True
    inspect_view_class = DeliveryInspect
    inspect_view_fields = [
        "subscription",
        "event",
        "status",
        "attempts",
        "status_code",
        "response_ms",
        "last_error",
        "next_attempt_at",
        "delivered_at",
        "created_at",
        "replay_of",
        "payload",
    ]
    copy_view_enabled = False
    form_fields = []

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("replay/<int:pk>/", replay_view, name="replay")]


@require_POST
def replay_view(request, pk: int):
    if not ModeratorsOnly(WebhookDelivery).user_has_permission(request.user, "change"):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    copy = replay(delivery)
    deliver_webhooks.enqueue()
    messages.success(request, _("The delivery will be sent again."))
    return redirect("webhook_deliveries:inspect", copy.pk)
