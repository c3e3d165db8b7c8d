import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import BaseCommand, CommandError

from accounts.demo_two_factor import enrol_demo_device
from accounts.two_factor import requires_two_factor
from cases.editors import MODERATOR_GROUP
from municipalities.membership import Role, editor_group_of, end_membership, set_membership
from municipalities.models import Municipality

DEMO_EDITOR_MUNICIPALITY = "GM0344"  # Utrecht
DEMO_MEMBER_MUNICIPALITY = "GM0307"  # Amersfoort


class Command(BaseCommand):
    help = (
        "Create (or reset) one demo account per role and print the passwords: admin, "
        "an editor and a knowledge broker of Utrecht, a moderator and a member of "
        "Amersfoort. Development only; run setup_editors first."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_users only runs with DEBUG on; use createsuperuser instead.")
        utrecht = Municipality.objects.get(cbs_code=DEMO_EDITOR_MUNICIPALITY)
        amersfoort = Municipality.objects.get(cbs_code=DEMO_MEMBER_MUNICIPALITY)
        editors = editor_group_of(utrecht)
        if editors is None:
            raise CommandError("no editorial group for Utrecht: run setup_editors first")
        moderators = Group.objects.get(name=MODERATOR_GROUP)
        # username, role shown, (municipality, roles) or None, other groups
        accounts = [
            ("admin", "superuser", None, []),
            ("redactie-utrecht", f"editor ({editors.name})", (utrecht, {Role.EDITOR}), []),
            (
                "makelaar-utrecht",
                "knowledge broker of Utrecht (receives its questions)",
                (utrecht, {Role.KNOWLEDGE_BROKER}),
                [],
            ),
            ("kennisredactie", "moderator (Kennisredactie)", None, [moderators]),
            ("lid", "member of Amersfoort (sees members-only pages)", (amersfoort, set()), []),
        ]
        self.stdout.write("Demo accounts (passwords are new on every run):")
        two_factor = []
        for username, role, membership, groups in accounts:
            user, password = self._reset(username, membership, groups)
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

    def _reset(self, username: str, membership, groups: list[Group]) -> tuple:
        # 16 characters: the password rules (AUTH_PASSWORD_VALIDATORS) ask 12 or more.
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        validate_password(password, user)
        user.is_staff = user.is_superuser = username == "admin"
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set(groups)
        if membership is None:
            end_membership(user)
        else:
            set_membership(user, *membership)
        return user, password
