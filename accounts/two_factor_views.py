"""The two-step pages in the admin: enter a code, set up an authenticator app.

One TOTP device per user: setting up again replaces the old one (a lost phone is
replaced, not added to). Wrong codes are throttled by django-otp (each failure
doubles the wait before the next try).
"""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import requires_two_factor


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, device: TOTPDevice | None, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if self.device is None:
            raise forms.ValidationError(_("Set up two-step verification first."))
        allowed, _extra = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a moment and try again."), code="throttled"
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not correct. Enter the current code from your app."),
                code="invalid",
            )
        return token


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@never_cache
@sensitive_post_parameters("otp_token")
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    device = confirmed_device(request.user)
    if device is None:
        return redirect(reverse("kennisbank_2fa_setup"))
    form = TokenForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


def qr_code_data_uri(text: str) -> str:
    """The otpauth URI as an SVG QR code, inline: no second request for the secret."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


@never_cache
@sensitive_post_parameters("otp_token")
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrolment: scan the code (or type the secret), confirm with one code."""
    user = request.user
    current = confirmed_device(user)
    if current is not None and not user.is_verified():
        # Replacing a device needs the old one first, or a stolen password would do.
        return redirect(reverse("kennisbank_2fa_verify") + "?next=" + request.path)
    if request.method == "POST" and request.POST.get("action") == "remove":
        if current is not None and not requires_two_factor(user):
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, _("Two-step verification is turned off."))
        return redirect(reverse("kennisbank_2fa_setup"))
    pending = _pending_device(user)
    form = TokenForm(pending, request.POST or None)
    if request.method == "POST" and form.is_valid():
        TOTPDevice.objects.filter(user=user).exclude(pk=pending.pk).delete()
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        otp_login(request, pending)
        messages.success(request, _("Two-step verification is set up."))
        return redirect(_next_url(request))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "current": current,
            "required": requires_two_factor(user),
            "qr_code": qr_code_data_uri(pending.config_url),
            "secret": secret_of(pending),
            "config_url": pending.config_url,
        },
    )
