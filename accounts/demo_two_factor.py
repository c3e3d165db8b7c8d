"""Two-step verification for the demo accounts, which must have it like real ones.

The demo does not switch the requirement off (a setting that could be left on in
production): it enrols a device for the demo moderator and superuser and prints its
key, and ``demo_totp`` prints the current code for whoever has no phone at hand.
Both refuse to run without DEBUG.
"""

from django.conf import settings
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


def refuse_without_debug() -> None:
    if not settings.DEBUG:
        raise CommandError("demo accounts only exist with DEBUG on.")


def enrol_demo_device(user) -> TOTPDevice:
    """A new confirmed TOTP device (a new key on every run, like the passwords)."""
    refuse_without_debug()
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="demo", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
