import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Create (or reset) the demo superuser and print its password. Development only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_admin only runs with DEBUG on; use createsuperuser instead.")
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        verb = "created" if created else "reset"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo admin {verb}: http://127.0.0.1:8000/admin/  user {username}  "
                f"password {password}"
            )
        )
