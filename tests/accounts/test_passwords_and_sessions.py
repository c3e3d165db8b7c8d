"""Password rules and the idle timeout of admin sessions."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.idle_timeout import LAST_ACTIVITY_KEY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-wacht1", "Dit wachtwoord is te kort. De minimale lengte is 12 tekens."),
        ("qwerty123456", "Dit wachtwoord is te algemeen."),
        ("123456789012345", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_passwords_need_twelve_characters_and_may_not_be_common(password, message):
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert message in refused.value.messages


def test_a_long_uncommon_password_is_accepted():
    validate_password("Vier-woorden-op-een-rij")


def test_the_admin_refuses_a_short_new_password(client, django_user_model):
    user = django_user_model.objects.create_superuser("beheer", "b@voorbeeld.nl", "x")
    client.force_login(user)
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "password-old_password": "x",
            "password-new_password1": "kort-wacht1",
            "password-new_password2": "kort-wacht1",
        },
    )
    assert "De minimale lengte is 12 tekens" in response.content.decode()


def make_idle(client, seconds: float) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - seconds
    session.save()


def test_an_admin_session_ends_after_thirty_idle_minutes(client, moderator, settings):
    assert settings.ADMIN_IDLE_TIMEOUT.total_seconds() == 30 * 60
    client.force_login(moderator)
    assert client.get("/admin/").status_code == 200
    make_idle(client, 29 * 60)
    assert client.get("/admin/").status_code == 200  # activity: the clock starts again
    make_idle(client, 31 * 60)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("wagtailadmin_login"))
    assert "U bent uitgelogd na 30 minuten zonder activiteit." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_member_session_is_not_cut_short(client, member, make_case, utrecht):
    case = make_case(utrecht, members_only=True)
    client.force_login(member)
    client.get(case.url)
    make_idle(client, 3 * 60 * 60)
    assert client.get(case.url).status_code == 200
