"""Partner tokens: valid ones act for their municipality, anything else is a 401 problem."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from api.access import requires_scope
from api.authentication import PartnerSystem
from api.models import PartnerToken, Scope
from tests.api.conftest import assert_problem


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.django_db
def test_valid_token_is_accepted_and_marks_last_use(api_client, partner_token):
    token, secret = partner_token
    assert token.last_used_at is None
    response = api_client.get("/api/v1/gemeenten/GM0344", **bearer(secret))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_only_a_hash_of_the_secret_is_stored(partner_token):
    token, secret = partner_token
    stored = PartnerToken.objects.values_list("key_id", "secret_hash").get(pk=token.pk)
    assert secret.startswith(f"kb_{stored[0]}_")
    assert secret.split("_", 2)[2] not in stored[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer kb_0000000000000000_wrong",
        "Bearer not-a-token",
        "Bearer",
        "Bearer a b",
    ],
)
def test_wrong_or_malformed_token_is_a_401_problem(api_client, partner_token, authorization):
    response = api_client.get("/api/v1/gemeenten", HTTP_AUTHORIZATION=authorization)
    body = assert_problem(response, 401)
    assert body["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.django_db
def test_right_key_with_wrong_secret_is_refused(api_client, partner_token):
    token, _secret = partner_token
    response = api_client.get("/api/v1/gemeenten", **bearer(f"kb_{token.key_id}_guess"))
    assert_problem(response, 401)


@pytest.mark.django_db
def test_revoked_token_is_a_401_problem(api_client, partner_token):
    token, secret = partner_token
    token.revoke()
    body = assert_problem(api_client.get("/api/v1/gemeenten", **bearer(secret)), 401)
    assert body["detail"] == "Dit token is ingetrokken."


@pytest.mark.django_db
def test_no_token_reads_public_data(api_client, municipalities):
    assert api_client.get("/api/v1/gemeenten").status_code == 200


RATES = {"partner": "3/min", "anonymous": "2/min"}


@pytest.mark.django_db
def test_anonymous_callers_are_throttled_with_a_429_problem(api_client, utrecht, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", RATES)
    for _ in range(2):
        assert api_client.get("/api/v1/gemeenten/GM0344").status_code == 200
    response = api_client.get("/api/v1/gemeenten/GM0344")
    body = assert_problem(response, 429)
    assert body["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_each_token_has_its_own_limit(api_client, utrecht, partner_token, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", RATES)
    _token, secret = partner_token
    other = PartnerToken(name="Portaal Utrecht", municipality=utrecht)
    other_secret = other.issue()
    other.save()
    for _ in range(3):
        assert api_client.get("/api/v1/gemeenten/GM0344", **bearer(secret)).status_code == 200
    assert_problem(api_client.get("/api/v1/gemeenten/GM0344", **bearer(secret)), 429)
    # Another token, and anonymous callers, still have their own allowance.
    assert api_client.get("/api/v1/gemeenten/GM0344", **bearer(other_secret)).status_code == 200
    assert api_client.get("/api/v1/gemeenten/GM0344").status_code == 200


@pytest.mark.django_db
def test_expired_token_is_a_401_problem(api_client, partner_token):
    token, secret = partner_token
    PartnerToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    body = assert_problem(api_client.get("/api/v1/gemeenten", **bearer(secret)), 401)
    assert body["detail"] == "Dit token is verlopen."


@pytest.mark.django_db
def test_a_new_token_reads_cases_for_a_year_and_nothing_more(partner_token):
    token, _secret = partner_token
    assert token.scopes == [Scope.CASES_READ]
    assert token.allows(Scope.CASES_READ)
    assert not token.allows(Scope.QUESTIONS_WRITE)
    lifetime = token.expires_at - timezone.now()
    assert datetime.timedelta(days=364) < lifetime <= datetime.timedelta(days=365)


@pytest.mark.django_db
def test_unknown_scopes_do_not_validate(partner_token):
    token, _secret = partner_token
    token.scopes = ["cases:read", "admin:all"]
    with pytest.raises(ValidationError) as error:
        token.full_clean()
    assert "admin:all" in str(error.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("scopes", "allowed"),
    [([], False), (["cases:read"], False), (["questions:write"], True)],
)
def test_requires_scope_judges_tokens_only(rf, partner_token, scopes, allowed):
    token, _secret = partner_token
    token.scopes = scopes
    permission = requires_scope(Scope.QUESTIONS_WRITE)()
    as_token = rf.get("/")
    as_token.user = PartnerSystem(token)
    assert permission.has_permission(as_token, None) is allowed
    as_person = rf.get("/")
    as_person.user = AnonymousUser()
    assert permission.has_permission(as_person, None) is True
