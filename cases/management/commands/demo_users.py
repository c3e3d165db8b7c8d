import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import BaseCommand, CommandError

from accounts.demo_two_factor import enrol_demo_device
from accounts.two_factor import requires_two_factor
from cases.editors import MODERATOR_GROUP, editor_group_for
from kennisbank.models import Municipality

DEMO_EDITOR_MUNICIPALITY = "GM0344"  # Utrecht


class Command(BaseCommand):
    help = (
        "Create (or reset) one demo account per role and print the passwords: admin, "
        "an editor of Utrecht, a moderator and a member. Development only; run "
        "setup_editors first."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_users only runs with DEBUG on; use createsuperuser instead.")
        utrecht = Municipality.objects.get(cbs_code=DEMO_EDITOR_MUNICIPALITY)
        editors = editor_group_for(utrecht)
        if editors is None:
            raise CommandError("no editorial group for Utrecht: run setup_editors first")
        accounts = [
            ("admin", "superuser", None),
            ("redactie-utrecht", f"editor ({editors.name})", editors),
            (
                "kennisredactie",
                "moderator (Kennisredactie)",
                Group.objects.get(name=MODERATOR_GROUP),
            ),
            ("lid", "member (sees members-only pages)", None),
        ]
        self.stdout.write("Demo accounts (passwords are new on every run):")
        two_factor = []
        for username, role, group in accounts:
            user, password = self._reset(username, superuser=username == "admin", group=group)
            self.stdout.write(f"  {username:<18} {password:<22} {role}")
            if requires_two_factor(user):
                two_factor.append((username, enrol_demo_device(user)))
        self.stdout.write("Log in at http://127.0.0.1:8000/admin/ (the site: /_util/login/)")
        self.stdout.write(
            "Two-step verification (required for these accounts): add the key to an "
            "authenticator app, or print the current code with "
            "`.venv/bin/python manage.py demo_totp USERNAME`:"
        )
        for username, device in two_factor:
            self.stdout.write(f"    {username:<16} {device.config_url}")

    def _reset(self, username: str, *, superuser: bool, group: Group | None) -> tuple:
        # 16 characters: the password rules (AUTH_PASSWORD_VALIDATORS) ask 12 or more.
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        validate_password(password, user)
        user.is_staff = user.is_superuser = superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set([group] if group else [])
        return user, password
