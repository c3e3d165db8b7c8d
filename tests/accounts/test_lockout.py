"""Guessing passwords is stopped on every login page, per account and per address."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "juist-wachtwoord-2026"
WRONG = "fout-wachtwoord-nr-"
LOGIN_PAGES = {
    "wagtail admin": "wagtailadmin_login",
    "members-only pages": "wagtailcore_login",
    "django admin": "admin:login",
}


@pytest.fixture
def account(django_user_model):
    return django_user_model.objects.create_superuser("beheerder", "b@voorbeeld.nl", PASSWORD)


def attempt(client, page: str, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(
        reverse(LOGIN_PAGES[page]),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_the_right_password_is_refused_after_the_failure_limit(client, account, page):
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, page, "beheerder", f"{WRONG}{number}").status_code == 200
    locking = attempt(client, page, "beheerder", f"{WRONG}last")
    assert locking.status_code == 429

    response = attempt(client, page, "beheerder", PASSWORD)

    assert response.status_code == 429
    assert not logged_in(client)
    html = response.content.decode()
    assert "Te veel inlogpogingen" in html
    assert "Probeer het over 15 minuten opnieuw" in html
    assert response["Retry-After"] == "900"
    assert "beheerder" not in html  # the page does not confirm the account exists


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_below_the_limit_the_right_password_works(client, account, page):
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, page, "beheerder", f"{WRONG}{number}")
    assert attempt(client, page, "beheerder", PASSWORD).status_code == 302
    assert logged_in(client)


def test_one_address_guessing_many_accounts_is_locked_out(client, account):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wagtail admin", f"gok-{number}", "wachtwoord123", address="198.51.100.7")
    response = attempt(client, "wagtail admin", "beheerder", PASSWORD, address="198.51.100.7")
    assert response.status_code == 429
    # Another address may still log in to the account.
    assert attempt(client, "wagtail admin", "beheerder", PASSWORD).status_code == 302


def test_logging_into_an_own_account_does_not_reset_the_count(client, account, django_user_model):
    django_user_model.objects.create_user("eigen-account", password=PASSWORD)
    for round_ in range(2):
        for number in range(settings.AXES_FAILURE_LIMIT // 2):
            attempt(client, "members-only pages", f"gok-{round_}-{number}", "wachtwoord123")
        attempt(client, "members-only pages", "eigen-account", PASSWORD)
        client.logout()
    response = attempt(client, "members-only pages", "beheerder", f"{WRONG}x")
    assert response.status_code == 429


def test_many_addresses_guessing_one_account_lock_the_account(client, account):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(
            client, "django admin", "beheerder", f"{WRONG}{number}", address=f"203.0.113.{number}"
        )
    response = attempt(client, "members-only pages", "beheerder", PASSWORD, address="192.0.2.99")
    assert response.status_code == 429
    assert not logged_in(client)


def test_the_lock_lifts_after_the_cool_off(client, account):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wagtail admin", "beheerder", f"{WRONG}{number}")
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert attempt(client, "wagtail admin", "beheerder", PASSWORD).status_code == 302


def test_failed_logins_are_logged_with_username_and_address_never_the_password(
    client, account, caplog
):
    with caplog.at_level(logging.WARNING):
        attempt(
            client, "members-only pages", "beheerder", "Geheim-en-fout-42", address="192.0.2.33"
        )
    security = [r.getMessage() for r in caplog.records if r.name == "kennisbank.security"]
    assert security == [
        "failed login for username='beheerder' from address=192.0.2.33 at /_util/login/"
    ]
    assert all("Geheim-en-fout-42" not in r.getMessage() for r in caplog.records)


def test_behind_the_proxy_the_forwarded_address_counts_not_a_forged_one(
    client, account, settings, caplog
):
    settings.TRUSTED_PROXY_HOPS = 1
    with caplog.at_level(logging.WARNING):
        for number in range(settings.AXES_FAILURE_LIMIT):
            client.post(
                reverse("wagtailadmin_login"),
                {"username": f"gok-{number}", "password": "wachtwoord123"},
                REMOTE_ADDR="172.18.0.5",
                # The client forged the left entry; the proxy appended the real one.
                HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 198.51.100.20",
            )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}
    assert "address=198.51.100.20" in caplog.text
    locked = client.post(
        reverse("wagtailadmin_login"),
        {"username": "beheerder", "password": PASSWORD},
        REMOTE_ADDR="172.18.0.5",
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.20",
    )
    assert locked.status_code == 429


def test_pages_cannot_get_a_shared_password_which_could_be_guessed_unthrottled(
    admin_client, utrecht, make_case
):
    from wagtail.models import PageViewRestriction

    case = make_case(utrecht)
    url = reverse("wagtailadmin_pages:set_privacy", args=[case.pk])
    assert 'value="password"' not in admin_client.get(url).content.decode()
    admin_client.post(url, {"restriction_type": "password", "password": "gedeeld-wachtwoord"})
    assert not PageViewRestriction.objects.filter(page=case).exists()
