"""The membership admin: where a user's municipality and roles are set by hand."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from municipalities.membership import Role, membership_of, set_membership
from municipalities.models import Membership, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def colleague(db) -> User:
    return User.objects.create_user("collega", "collega@voorbeeld.nl")


def test_listing_shows_municipality_and_roles(setup_editors, utrecht, admin_client, colleague):
    set_membership(colleague, utrecht, {Role.EDITOR, Role.KNOWLEDGE_BROKER})
    with translation.override("nl"):
        html = admin_client.get(reverse("memberships:index"), HTTP_ACCEPT_LANGUAGE="nl")
    content = html.content.decode()
    assert html.status_code == 200
    assert "collega" in content and "Utrecht" in content
    assert "lid, redacteur, kennismakelaar" in content


def test_search_by_user_and_municipality(setup_editors, utrecht, amersfoort, admin_client):
    set_membership(User.objects.create_user("jansen"), utrecht)
    set_membership(User.objects.create_user("pietersen"), amersfoort)
    html = admin_client.get(reverse("memberships:index"), {"q": "Amersfoort"}).content.decode()
    assert "pietersen" in html and "jansen" not in html
    html = admin_client.get(reverse("memberships:index"), {"q": "jans"}).content.decode()
    assert "jansen" in html and "pietersen" not in html


def test_creating_an_editor_puts_them_in_the_editorial_group(
    setup_editors, utrecht, admin_client, colleague
):
    response = admin_client.post(
        reverse("memberships:add"),
        {"user": colleague.pk, "municipality": utrecht.pk, "editor": "on"},
    )
    assert response.status_code == 302, response.content.decode()
    assert membership_of(colleague).roles == {Role.MEMBER, Role.EDITOR}
    assert colleague.groups.filter(name="Redactie Gemeente Utrecht").exists()


def test_editing_removes_the_editor_role_and_keeps_the_user(
    setup_editors, utrecht, amersfoort, admin_client, colleague
):
    membership = set_membership(colleague, utrecht, {Role.EDITOR})
    other = User.objects.create_user("ander")
    url = reverse("memberships:edit", args=[membership.pk])
    form = admin_client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="editor"[^>]*checked', form)
    assert re.search(r'<select[^>]*name="user"[^>]*disabled', form)

    response = admin_client.post(
        url,
        {"user": other.pk, "municipality": amersfoort.pk, "knowledge_broker": "on"},
    )

    assert response.status_code == 302
    assert membership_of(colleague).municipality == amersfoort
    assert membership_of(colleague).roles == {Role.MEMBER, Role.KNOWLEDGE_BROKER}
    assert membership_of(other) is None  # the user field cannot be changed
    assert not colleague.groups.exists()


def test_editor_of_a_municipality_without_group_is_a_clear_error(
    setup_editors, admin_client, colleague
):
    leeuwarden = Municipality.objects.get(name="Leeuwarden")
    with translation.override("nl"):
        response = admin_client.post(
            reverse("memberships:add"),
            {"user": colleague.pk, "municipality": leeuwarden.pk, "editor": "on"},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
    assert response.status_code == 200
    assert "heeft nog geen redactiegroep" in response.content.decode()
    assert not Membership.objects.exists()


def test_one_membership_per_user(setup_editors, utrecht, amersfoort, admin_client, colleague):
    set_membership(colleague, utrecht)
    response = admin_client.post(
        reverse("memberships:add"), {"user": colleague.pk, "municipality": amersfoort.pk}
    )
    assert response.status_code == 200
    assert membership_of(colleague).municipality == utrecht


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("member", False), ("editor_a", False), ("moderator", False), ("admin_user", True)],
)
def test_only_superusers_manage_memberships(role, allowed, request, client, setup_editors):
    client.force_login(request.getfixturevalue(role))
    for name in ("memberships:index", "memberships:add"):
        assert (client.get(reverse(name)).status_code == 200) is allowed, name


def test_wagtails_user_editor_keeps_the_membership_in_step(
    setup_editors, utrecht, amersfoort, admin_client, colleague
):
    """Ticking another municipality's editorial group in Wagtail's own user form moves them."""
    from municipalities.membership import editor_group_of

    set_membership(colleague, utrecht, {Role.EDITOR, Role.KNOWLEDGE_BROKER})
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[colleague.pk]),
        {
            "username": colleague.username,
            "email": colleague.email,
            "first_name": "Co",
            "last_name": "Llega",
            "is_active": "on",
            "groups": [editor_group_of(amersfoort).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert membership_of(colleague).municipality == amersfoort
    assert membership_of(colleague).roles == {Role.MEMBER, Role.EDITOR}
    assert list(colleague.groups.all()) == [editor_group_of(amersfoort)]


def test_listing_does_not_query_per_row(setup_editors, utrecht, admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_listing() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse("memberships:index")).status_code == 200
        return len(queries)

    set_membership(User.objects.create_user("een"), utrecht, {Role.EDITOR})
    few = queries_for_listing()
    for number in range(5):
        set_membership(User.objects.create_user(f"lid-{number}"), utrecht, {Role.EDITOR})
    assert queries_for_listing() == few
