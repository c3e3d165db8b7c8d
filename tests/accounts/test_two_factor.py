"""Two-step verification: required for moderators and superusers, offered to editors.

Each test logs in through the real admin login form (a password, then the code),
with the requirement switched on as in production.
"""

import re

import pytest
from django.core.checks import run_checks
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import requires_two_factor

pytestmark = [pytest.mark.django_db]
PASSWORD = "geheim-wachtwoord"  # the suite's role fixtures (tests/page_fixtures.py)


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def log_in(client, user, next_url: str = "/admin/"):
    response = client.post(
        reverse("wagtailadmin_login") + f"?next={next_url}",
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302, "the password step failed"
    return client.get(next_url)


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    """The code an authenticator app shows, computed from the key like the app does."""
    return f"{totp(device.bin_key, step=device.step, drift=offset_steps):06d}"


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("beheer", "beheer@voorbeeld.nl", PASSWORD)


def test_who_must_use_it(moderator, editor_a, member, superuser, settings):
    assert requires_two_factor(moderator)
    assert requires_two_factor(superuser)
    assert not requires_two_factor(editor_a)
    assert not requires_two_factor(member)


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_a_moderator_or_superuser_without_a_device_must_enrol_first(client, role, request):
    user = request.getfixturevalue(role)
    response = log_in(client, user)
    assert response.status_code == 302
    assert response.url.startswith(reverse("kennisbank_2fa_setup"))
    # Every other page too, the public site and Django's admin included.
    for path in ["/admin/pages/", "/django-admin/", "/"]:
        assert client.get(path).url.startswith(reverse("kennisbank_2fa_setup")), path


def test_enrolment_in_dutch_then_the_admin_opens(client, moderator):
    log_in(client, moderator)
    page = client.get(reverse("kennisbank_2fa_setup") + "?next=/admin/pages/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Verificatie in twee stappen" in html
    assert "Scan deze QR-code met de app" in html
    assert 'src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    secret = re.search(r'id="kb-2fa-secret">([A-Z2-7=]+)<', html).group(1)
    assert device.config_url.count(secret.rstrip("=")) == 1

    wrong = client.post(reverse("kennisbank_2fa_setup"), {"otp_token": "000000", "next": "/"})
    assert "Deze code is niet juist" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()

    done = client.post(
        reverse("kennisbank_2fa_setup"),
        {"otp_token": code_for(device), "next": "/admin/pages/"},
    )
    assert done.status_code == 302 and done.url == "/admin/pages/"
    assert TOTPDevice.objects.get(user=moderator).confirmed
    assert client.get("/admin/").status_code == 200


def test_with_a_device_the_code_is_asked_after_the_password(client, moderator):
    device = enrolled(moderator)
    response = log_in(client, moderator)
    assert response.url.startswith(reverse("kennisbank_2fa_verify"))
    page = client.get(response.url)
    assert "Voer uw inlogcode in" in page.content.decode()

    done = client.post(
        reverse("kennisbank_2fa_verify"), {"otp_token": code_for(device), "next": "/admin/"}
    )
    assert done.status_code == 302 and done.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_guessing_codes_is_throttled(client, moderator):
    device = enrolled(moderator)
    log_in(client, moderator)
    client.post(reverse("kennisbank_2fa_verify"), {"otp_token": "123456"})
    # Even the right code is refused straight after a wrong one.
    retry = client.post(reverse("kennisbank_2fa_verify"), {"otp_token": code_for(device)})
    assert retry.status_code == 200
    assert "Te veel onjuiste codes" in retry.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_stolen_password_cannot_replace_the_device(client, moderator):
    enrolled(moderator)
    log_in(client, moderator)
    response = client.get(reverse("kennisbank_2fa_setup"))
    assert response.url.startswith(reverse("kennisbank_2fa_verify"))
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


def test_an_editor_works_without_it_and_may_turn_it_on_and_off(client, editor_a):
    assert log_in(client, editor_a).status_code == 200
    menu = client.get("/admin/account/").content.decode()
    assert reverse("kennisbank_2fa_setup") in menu

    client.get(reverse("kennisbank_2fa_setup"))
    device = TOTPDevice.objects.get(user=editor_a)
    client.post(reverse("kennisbank_2fa_setup"), {"otp_token": code_for(device), "next": "/"})
    assert TOTPDevice.objects.get(user=editor_a).confirmed

    # Once on, the next login asks for the code.
    client.logout()
    assert log_in(client, editor_a).url.startswith(reverse("kennisbank_2fa_verify"))
    client.post(reverse("kennisbank_2fa_verify"), {"otp_token": code_for(device, 1)})
    assert client.get("/admin/").status_code == 200

    client.post(reverse("kennisbank_2fa_setup"), {"action": "remove"})
    assert not TOTPDevice.objects.filter(user=editor_a).exists()


def test_a_moderator_cannot_turn_it_off(client, moderator):
    device = enrolled(moderator)
    log_in(client, moderator)
    client.post(reverse("kennisbank_2fa_verify"), {"otp_token": code_for(device)})
    client.post(reverse("kennisbank_2fa_setup"), {"action": "remove"})
    assert TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()


def test_a_member_is_not_asked(client, member, make_case, utrecht):
    case = make_case(utrecht, members_only=True)
    client.post(reverse("wagtailcore_login"), {"username": "lid", "password": PASSWORD})
    assert client.get(case.url).status_code == 200


def test_deploy_check_fails_when_the_requirement_is_off(settings):
    settings.TWO_FACTOR_REQUIRED = False
    errors = [e.id for e in run_checks(include_deployment_checks=True)]
    assert "accounts.E001" in errors
    settings.TWO_FACTOR_REQUIRED = True
    assert "accounts.E001" not in [e.id for e in run_checks(include_deployment_checks=True)]
