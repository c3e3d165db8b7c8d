"""Partner tokens in the Wagtail admin: who may make them, shown once, revocable."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from api.models import PartnerToken, Scope


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("beheer", "beheer@example.nl", "x")


EXPIRY = "2030-01-31 17:00"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"),
    [("superuser", True), ("moderator", True), ("editor_a", False), ("member", False)],
)
def test_who_may_manage_tokens(client, request, role, allowed, setup_editors):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("partner_tokens:index"))
    assert (response.status_code == 200) is allowed
    response = client.get(reverse("partner_tokens:add"))
    assert (response.status_code == 200) is allowed


@pytest.mark.django_db
def test_token_is_shown_once_and_works(client, moderator, utrecht):
    client.force_login(moderator)
    response = client.post(
        reverse("partner_tokens:add"),
        {
            "name": "Zaaksysteem Utrecht",
            "municipality": utrecht.pk,
            "scopes": ["cases:read", "questions:read"],
            "expires_at": "2030-01-31 17:00",
        },
    )
    assert response.status_code == 200
    full_token = response.context["full_token"]
    token = PartnerToken.objects.get()
    assert token.created_by == moderator
    assert token.scopes == ["cases:read", "questions:read"]
    assert token.expires_at.date().isoformat() == "2030-01-31"
    assert full_token in response.content.decode()
    assert token.matches(full_token.split("_", 2)[2])
    listing = client.get(reverse("partner_tokens:index")).content.decode()
    assert "Zaaksysteem Utrecht" in listing
    assert full_token not in listing
    edit = client.get(reverse("partner_tokens:edit", args=[token.pk])).content.decode()
    assert full_token not in edit
    client.logout()
    api = client.get("/api/v1/gemeenten/GM0344", HTTP_AUTHORIZATION=f"Bearer {full_token}")
    assert api.status_code == 200


@pytest.mark.django_db
def test_revoking_in_the_admin_stops_the_token(client, moderator, partner_token):
    token, secret = partner_token
    client.force_login(moderator)
    response = client.post(
        reverse("partner_tokens:edit", args=[token.pk]),
        {
            "name": token.name,
            "scopes": token.scopes,
            "expires_at": token.expires_at.strftime("%Y-%m-%d %H:%M"),
            "revoke": "on",
        },
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    api = client.get("/api/v1/gemeenten", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code == 401


@pytest.mark.django_db
def test_scopes_are_granted_on_creation_and_withdrawn_on_edit(client, moderator, utrecht):
    client.force_login(moderator)
    client.post(
        reverse("partner_tokens:add"),
        {
            "name": "Zaaksysteem Utrecht",
            "municipality": utrecht.pk,
            "scopes": ["cases:read"],
            "expires_at": EXPIRY,
        },
    )
    token = PartnerToken.objects.get()
    assert token.scopes == ["cases:read"]
    assert token.has_scope(Scope.CASES_READ)
    response = client.post(
        reverse("partner_tokens:edit", args=[token.pk]), {"name": token.name, "expires_at": EXPIRY}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.scopes == []
    assert not token.has_scope(Scope.CASES_READ)


@pytest.mark.django_db
def test_a_new_token_has_no_scope_unless_granted(client, moderator, utrecht):
    client.force_login(moderator)
    client.post(
        reverse("partner_tokens:add"),
        {"name": "Portaal", "municipality": utrecht.pk, "expires_at": EXPIRY},
    )
    assert PartnerToken.objects.get().scopes == []
