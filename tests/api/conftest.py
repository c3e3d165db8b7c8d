import pytest
from django.core.cache import cache
from django.test import Client

from api.models import PartnerToken, Scope


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> Client:
    # Server errors must reach the handler the way they do in production.
    return Client(raise_request_exception=False)


def make_token(municipality, name: str, scopes: list[str]) -> tuple[PartnerToken, str]:
    token = PartnerToken(name=name, municipality=municipality, scopes=scopes)
    secret = token.issue()
    token.save()
    return token, secret


@pytest.fixture
def partner_token(utrecht) -> tuple[PartnerToken, str]:
    """A case system's token: it may read members-only casusbladen and lessen."""
    return make_token(utrecht, "Zaaksysteem Utrecht", [Scope.CASES_READ.value])


@pytest.fixture
def public_token(utrecht) -> tuple[PartnerToken, str]:
    """A portal's token without scopes: public data only."""
    return make_token(utrecht, "Portaal Utrecht", [])


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"]
    assert body["detail"]
    assert body["instance"] == response.wsgi_request.path
    return body
