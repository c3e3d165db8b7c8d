from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo_two_factor import current_code, refuse_without_debug


class Command(BaseCommand):
    help = "Print the current two-step code of a demo account (DEBUG only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        refuse_without_debug()
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no two-step verification set up.")
        self.stdout.write(current_code(device))
