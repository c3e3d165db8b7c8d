"""Every error under /api/ is RFC 9457 problem+json with the API-Version header."""

import pytest
from django.test import override_settings

from tests.api.conftest import assert_problem


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here", "/api/v2/gemeenten", "/api/", "/api/v1/gemeenten/GM0344/x"]
)
def test_unknown_route_is_a_404_problem(api_client, path):
    assert_problem(api_client.get(path), 404)


@pytest.mark.django_db
def test_trailing_slash_is_a_404_problem_not_a_redirect(api_client, municipalities):
    for path in ("/api/v1/gemeenten/", "/api/v1/gemeenten/GM0344/"):
        response = api_client.get(path)
        assert_problem(response, 404)
        assert "Location" not in response


@pytest.mark.django_db
def test_unknown_route_without_slash_is_not_redirected(api_client):
    response = api_client.get("/api/v1/onbekend")
    assert_problem(response, 404)


@pytest.mark.django_db
def test_method_not_allowed_is_a_405_problem(api_client, municipalities):
    response = api_client.post("/api/v1/gemeenten", {}, content_type="application/json")
    body = assert_problem(response, 405)
    assert body["code"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.django_db
def test_only_json_is_served(api_client, municipalities):
    response = api_client.get("/api/v1/gemeenten", HTTP_ACCEPT="text/html")
    assert_problem(response, 406)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.api.error_urls")
def test_forbidden_is_a_403_problem(api_client):
    body = assert_problem(api_client.get("/api/v1/test-forbidden"), 403)
    assert body["code"] == "permission_denied"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.api.error_urls")
def test_server_error_is_a_500_problem_without_internals(api_client):
    response = api_client.get("/api/v1/test-broken")
    body = assert_problem(response, 500)
    assert "secret" not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()
    assert set(body) == {"type", "title", "status", "detail", "instance"}


@pytest.mark.django_db
def test_site_pages_keep_their_html_404(api_client):
    response = api_client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "API-Version" not in response


@pytest.mark.django_db
def test_a_session_write_without_csrf_token_to_an_unknown_address_is_a_problem(admin_user):
    # Django's CSRF check runs before the catch-all route, so its refusal must speak
    # problem+json too (schemathesis found the HTML page).
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post("/api/v1/answers/not-a-number/accept")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert client.post("/zoeken/").status_code == 403  # the site keeps Django's own page
