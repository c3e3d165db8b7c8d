import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory, override_settings

from cases.models import CasePage
from municipalities.membership import Role, membership_of

pytestmark = pytest.mark.django_db


def log_in(username: str, password: str):
    """authenticate() as a login page calls it: django-axes needs the request."""
    return authenticate(
        RequestFactory().post("/admin/login/"), username=username, password=password
    )


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
    users = {name: log_in(name, pw) for name, pw in passwords.items()}
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
    assert log_in("lid", second["lid"])


def test_refuses_without_debug(setup_editors):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_users", stdout=StringIO())


def test_demo_passwords_follow_the_password_rules(setup_editors):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    for username, password in run_demo_users().items():
        validate_password(password, get_user_model().objects.get(username=username))


def test_moderator_and_superuser_get_a_printed_two_step_key_and_a_code_command(setup_editors):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    out = StringIO()
    with override_settings(DEBUG=True, TWO_FACTOR_REQUIRED=True):
        call_command("demo_users", stdout=out)
    keys = dict(re.findall(r"^    (\S+)\s+(otpauth://\S+)$", out.getvalue(), re.MULTILINE))
    assert set(keys) == {"admin", "kennisredactie"}
    for username, uri in keys.items():
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert uri == device.config_url
        code = StringIO()
        with override_settings(DEBUG=True):
            call_command("demo_totp", username, stdout=code)
        assert device.verify_token(code.getvalue().strip())
    assert not TOTPDevice.objects.filter(
        user__in=get_user_model().objects.filter(username__in=["lid", "redactie-utrecht"])
    ).exists()


def test_demo_totp_refuses_without_debug(setup_editors):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_totp", "admin", stdout=StringIO())
