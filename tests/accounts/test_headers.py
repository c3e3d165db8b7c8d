"""Every HTML page carries a Content-Security-Policy and a Permissions-Policy."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.mark.parametrize(
    ("path", "scripts"),
    [
        ("/", "'self'"),  # no inline script, no eval
        ("/_util/login/", "'self'"),
        ("/django-admin/login/", "'self'"),
        ("/bestaat-niet/", "'self'"),
        # Wagtail's admin writes inline scripts of its own (kennisbank.content_security).
        ("/admin/login/", "'self' 'unsafe-inline'"),
    ],
)
def test_pages_carry_the_policy(client, path, scripts, utrecht, make_case):
    make_case(utrecht)
    response = client.get(path)
    policy = directives(response)
    assert policy["script-src"] == scripts
    assert policy["default-src"] == "'self'"
    assert policy["connect-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_the_admin_edit_page_carries_the_policy(admin_client, utrecht, make_case):
    case = make_case(utrecht)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))
    assert response.status_code == 200
    assert directives(response)["script-src"] == "'self' 'unsafe-inline'"


def test_the_admin_loads_nothing_from_other_sites(admin_client, utrecht, make_case):
    """No Gravatar, no update check: the policy would block them, and they leak."""
    case = make_case(utrecht)
    for url in ["/admin/", reverse("wagtailadmin_pages:edit", args=[case.pk])]:
        html = admin_client.get(url).content.decode()
        assert "gravatar.com" not in html
        assert "w-upgrade" not in html  # the controller that asks releases.wagtail.org
