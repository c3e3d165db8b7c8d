"""Who may do what, as one table: roles by actions, checked twice.

Once through the policies the code asks (Wagtail's page permission tester, the
project's visible_pages, Django's has_perm), and once through real requests to the
site and the Wagtail admin, so a view that forgets to ask cannot pass.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cases.editing_rights import EXTERNAL_ID_PERMISSION
from cases.indexes import case_index_for
from cases.models import CaseIndexPage, CasePage
from cases.visibility import visible_pages
from municipalities.membership import editor_group_of

pytestmark = pytest.mark.django_db

Document = get_document_model()
document_policy = policy_registry.get_by_type(Document)

ACTIONS = (
    "view public page",
    "view members-only page",
    "open admin",
    "create under A",
    "edit A's case",
    "publish A's case",
    "create under B",
    "edit B's case",
    "edit A's index",
    "change external ID",
)
Y, N = True, False
# A is Utrecht, B is Amersfoort. Nobody but the Kennisredactie (and superusers)
# publishes; a municipality's editors touch their own municipality's pages only,
# and not the index page itself (they only add below it) nor a page's external ID
# (cases.editing_rights). A knowledge broker has no editing rights as such.
MATRIX = {
    #            public members admin  +A   editA pubA  +B   editB indexA extID
    "anonymous": (Y, N, N, N, N, N, N, N, N, N),
    "member": (Y, Y, N, N, N, N, N, N, N, N),
    "broker_a": (Y, Y, N, N, N, N, N, N, N, N),
    "editor_a": (Y, Y, Y, Y, Y, N, N, N, N, N),
    "editor_b": (Y, Y, Y, N, N, N, Y, Y, N, N),
    "moderator": (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    "superuser": (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
}


def expected(role: str) -> dict[str, bool]:
    return dict(zip(ACTIONS, MATRIX[role], strict=True))


@dataclass
class Scene:
    index_a: CaseIndexPage
    index_b: CaseIndexPage
    case_a: CasePage
    case_b: CasePage
    members_only: CasePage


@pytest.fixture
def scene(setup_editors, utrecht, amersfoort, make_case) -> Scene:
    return Scene(
        index_a=case_index_for(utrecht),
        index_b=case_index_for(amersfoort),
        case_a=make_case(utrecht),
        case_b=make_case(amersfoort),
        members_only=make_case(utrecht, title="Alleen voor leden", members_only=True),
    )


@pytest.fixture
def user_for(request, setup_editors):
    """The user of a role; None for an anonymous visitor."""

    def user(role: str):
        if role == "anonymous":
            return None
        if role == "superuser":
            return request.getfixturevalue("admin_user")
        return request.getfixturevalue(role)

    return user


@pytest.mark.parametrize("role", MATRIX)
def test_permission_policy(role, scene, user_for):
    user = user_for(role) or AnonymousUser()

    def can_view(page: Page) -> bool:
        return visible_pages(CasePage.objects.filter(pk=page.pk), user).exists()

    actual = {
        "view public page": can_view(scene.case_a),
        "view members-only page": can_view(scene.members_only),
        "open admin": user.has_perm("wagtailadmin.access_admin"),
        "create under A": scene.index_a.permissions_for_user(user).can_add_subpage(),
        "edit A's case": scene.case_a.permissions_for_user(user).can_edit(),
        "publish A's case": scene.case_a.permissions_for_user(user).can_publish(),
        "create under B": scene.index_b.permissions_for_user(user).can_add_subpage(),
        "edit B's case": scene.case_b.permissions_for_user(user).can_edit(),
        # Through a plain Page, as the admin's listings ask: Wagtail casts to the index.
        "edit A's index": Page.objects.get(pk=scene.index_a.pk)
        .permissions_for_user(user)
        .can_edit(),
        "change external ID": user.has_perm(EXTERNAL_ID_PERMISSION),
    }

    assert actual == expected(role)


@pytest.mark.parametrize("role", MATRIX)
def test_permissions_over_http(role, scene, user_for, client, case_form_data, monkeypatch):
    # The front-end templates are written separately: what is tested here is whether
    # Wagtail lets the request through to the page, not how the page looks.
    monkeypatch.setattr(CasePage, "serve", lambda self, request, *a, **kw: HttpResponse("ok"))
    user = user_for(role)
    if user is not None:
        client.force_login(user)

    def ok(response) -> bool:
        assert response.status_code in (200, 302, 403), response.status_code
        return response.status_code == 200

    def create(index: CaseIndexPage) -> bool:
        slug = f"nieuw-{role}-{index.slug}"
        url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", index.pk])
        data = case_form_data(title=f"Nieuw van {role}", slug=slug)
        client.post(url, {**data, "action-submit": "Ter beoordeling"})
        return CasePage.objects.child_of(index).filter(slug=slug).exists()

    def edit(case: CasePage) -> bool:
        title = f"Bewerkt door {role}"
        url = reverse("wagtailadmin_pages:edit", args=[case.pk])
        client.post(url, case_form_data(title=title, slug=case.slug))
        return case.revisions.filter(content__title=title).exists()

    def publish(case: CasePage) -> bool:
        title = f"Gepubliceerd door {role}"
        url = reverse("wagtailadmin_pages:edit", args=[case.pk])
        data = case_form_data(title=title, slug=case.slug)
        client.post(url, {**data, "action-publish": "Publiceren"})
        case.refresh_from_db()
        return case.live and case.title == title

    def edit_index(index: CaseIndexPage) -> bool:
        title = f"Index bewerkt door {role}"
        url = reverse("wagtailadmin_pages:edit", args=[index.pk])
        values = {"title": title, "slug": index.slug, "intro": "", "seo_title": ""}
        values |= {"search_description": "", "go_live_at": "", "expire_at": ""}
        client.post(url, nested_form_data({**values, "comments": inline_formset([])}))
        return index.revisions.filter(content__title=title).exists()

    def change_external_id(case: CasePage) -> bool:
        external_id = f"extern-{role}"
        url = reverse("wagtailadmin_pages:edit", args=[case.pk])
        client.post(url, case_form_data(slug=case.slug, external_id=external_id))
        return case.revisions.filter(content__external_id=external_id).exists()

    actual = {
        "view public page": ok(client.get(scene.case_a.url)),
        "view members-only page": ok(client.get(scene.members_only.url)),
        "open admin": ok(client.get(reverse("wagtailadmin_home"))),
        "create under A": create(scene.index_a),
        "edit A's case": edit(scene.case_a),
        "publish A's case": publish(scene.case_a),
        "create under B": create(scene.index_b),
        "edit B's case": edit(scene.case_b),
        "edit A's index": edit_index(scene.index_a),
        "change external ID": change_external_id(scene.case_a),
    }

    assert actual == expected(role)


def test_anonymous_visitor_is_sent_to_log_in_for_members_only_pages(scene, client):
    response = client.get(scene.members_only.url)
    assert response.status_code == 302
    assert "next=" in response["Location"] and scene.members_only.url in response["Location"]


def test_member_without_admin_access_is_sent_away_from_the_admin(member, client):
    client.force_login(member)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_editor_cannot_publish_by_posting_publish(scene, editor_a, client, case_form_data):
    """action-publish from someone without publish permission is saved as a draft."""
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", scene.index_a.pk])
    data = case_form_data(title="Direct live?", slug="direct-live")

    client.post(url, {**data, "action-publish": "Publiceren"})

    page = CasePage.objects.get(slug="direct-live")
    assert not page.live and page.has_unpublished_changes
    assert page.owner == editor_a and page.revisions.count() == 1
    assert page.live_revision is None


def test_editor_cannot_unpublish_lock_or_restrict(scene, editor_a, moderator):
    editor = scene.case_a.permissions_for_user(editor_a)
    assert not editor.can_unpublish()
    assert not editor.can_lock()
    assert not editor.can_set_view_restrictions()  # members-only is the moderators' call
    assert not editor.can_delete()  # a live page stays until a moderator unpublishes it
    assert not scene.index_a.permissions_for_user(editor_a).can_publish_subpage()

    moderating = scene.case_a.permissions_for_user(moderator)
    assert moderating.can_unpublish() and moderating.can_lock()
    assert moderating.can_set_view_restrictions()


def test_editor_adds_below_the_index_but_cannot_touch_it(scene, editor_a, client):
    """No edit form, no delete, move, copy or lock of the index; adding below it stays."""
    index = scene.index_a.permissions_for_user(editor_a)
    assert index.can_add_subpage()
    assert not (index.can_edit() or index.can_delete() or index.can_move() or index.can_copy())
    assert not (index.can_lock() or index.can_unpublish() or index.can_publish())
    client.force_login(editor_a)
    refused = client.get(reverse("wagtailadmin_pages:edit", args=[scene.index_a.pk]))
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    add = reverse("wagtailadmin_pages:add", args=["cases", "casepage", scene.index_a.pk])
    assert client.get(add).status_code == 200


def test_external_id_field_is_shown_to_moderators_only(scene, editor_a, moderator, client):
    url = reverse("wagtailadmin_pages:edit", args=[scene.case_a.pk])
    client.force_login(editor_a)
    assert 'name="external_id"' not in client.get(url).content.decode()
    client.force_login(moderator)
    assert 'name="external_id"' in client.get(url).content.decode()


def test_editor_cannot_move_a_case_to_another_municipality(scene, editor_a):
    draft = scene.case_a
    draft.unpublish()  # editors may only move what is not live
    tester = Page.objects.get(pk=draft.pk).permissions_for_user(editor_a)
    assert tester.can_move()
    assert tester.can_move_to(scene.index_a)
    assert not tester.can_move_to(scene.index_b)


def test_documents_per_municipality_collection(scene, editor_a, moderator, utrecht, amersfoort):
    own = Collection.objects.get(name="Gemeente Utrecht")
    other = Collection.objects.get(name="Gemeente Amersfoort")
    root = Collection.get_first_root_node()

    for action in ("add", "choose"):
        allowed = set(document_policy.collections_user_has_permission_for(editor_a, action))
        assert allowed == {own}, action
    for action in ("add", "change", "choose"):
        assert {own, other, root} <= set(
            document_policy.collections_user_has_permission_for(moderator, action)
        )

    # Wagtail's ownership policy: editors may change and delete what they uploaded,
    # not a colleague's document (deleting one would strip it from live pages).
    own_upload = Document(title="Evaluatie", collection=own, uploaded_by_user=editor_a)
    colleagues_upload = Document(title="Plan", collection=own, uploaded_by_user=moderator)
    elsewhere = Document(title="Plan", collection=other, uploaded_by_user=moderator)
    for action in ("change", "delete"):
        assert document_policy.user_has_permission_for_instance(editor_a, action, own_upload)
        assert not document_policy.user_has_permission_for_instance(
            editor_a, action, colleagues_upload
        )
        assert document_policy.user_has_permission_for_instance(
            moderator, action, colleagues_upload
        )
    assert document_policy.user_has_permission_for_instance(editor_a, "choose", colleagues_upload)
    assert not document_policy.user_has_permission_for_instance(editor_a, "choose", elsewhere)
    assert editor_group_of(utrecht).name == "Redactie Gemeente Utrecht"
    assert editor_group_of(amersfoort).name == "Redactie Gemeente Amersfoort"
