import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

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
        for username, role, group in accounts:
            password = self._reset(username, superuser=username == "admin", group=group)
            self.stdout.write(f"  {username:<18} {password:<18} {role}")
        self.stdout.write("Log in at http://127.0.0.1:8000/admin/ (the site: /_util/login/)")

    def _reset(self, username: str, *, superuser: bool, group: Group | None) -> str:
        password = secrets.token_urlsafe(9)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.is_staff = user.is_superuser = superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set([group] if group else [])
        return password
