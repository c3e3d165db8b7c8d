import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from cases.models import CasePage
from municipalities.membership import Role, membership_of

pytestmark = pytest.mark.django_db


def run_demo_users() -> dict[str, str]:
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("demo_users", stdout=out)
    return dict(re.findall(r"^  (\S+)\s+(\S+)\s", out.getvalue(), re.MULTILINE))


def test_one_account_per_role_with_a_printed_password(setup_editors, utrecht, make_case):
    passwords = run_demo_users()
    assert set(passwords) == {
        "admin",
        "redactie-utrecht",
        "makelaar-utrecht",
        "kennisredactie",
        "lid",
    }
    users = {name: authenticate(username=name, password=pw) for name, pw in passwords.items()}
    assert all(users.values())
    assert users["admin"].is_superuser
    case = CasePage.objects.get(pk=make_case(utrecht).pk)
    editor_rights = case.permissions_for_user(users["redactie-utrecht"])
    assert editor_rights.can_edit() and not editor_rights.can_publish()
    assert case.permissions_for_user(users["kennisredactie"]).can_publish()
    assert not case.permissions_for_user(users["lid"]).can_edit()
    assert not case.permissions_for_user(users["makelaar-utrecht"]).can_edit()


def test_demo_accounts_have_their_memberships(setup_editors, utrecht, amersfoort):
    run_demo_users()
    users = {user.username: user for user in User.objects.all()}
    assert membership_of(users["redactie-utrecht"]).municipality == utrecht
    assert membership_of(users["redactie-utrecht"]).roles == {Role.MEMBER, Role.EDITOR}
    assert membership_of(users["makelaar-utrecht"]).roles == {Role.MEMBER, Role.KNOWLEDGE_BROKER}
    assert membership_of(users["lid"]).municipality == amersfoort
    assert membership_of(users["lid"]).roles == {Role.MEMBER}
    assert membership_of(users["admin"]) is None and membership_of(users["kennisredactie"]) is None
    # A rerun gives the same memberships.
    run_demo_users()
    assert membership_of(users["redactie-utrecht"]).roles == {Role.MEMBER, Role.EDITOR}


def test_rerun_resets_the_passwords(setup_editors):
    first, second = run_demo_users(), run_demo_users()
    assert first["lid"] != second["lid"]
    assert authenticate(username="lid", password=second["lid"])


def test_refuses_without_debug(setup_editors):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_users", stdout=StringIO())
