"""Draft titles stay inside their municipality: editor of A looks for a draft of B.

Every admin surface that can show a page's (draft) title by id or by search is
asked, as editor of Utrecht (A), for Amersfoort's (B) unpublished draft and for the
pending new title of one of B's live pages. Neither may appear; B's live title and
A's own drafts must, so the checks are not passing by showing nothing.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from wagtail.models import Collection

from cases.indexes import case_index_for
from cases.models import CaseIndexPage, CasePage
from tests.document_fixtures import draft_case, make_document

pytestmark = pytest.mark.django_db

SECRETS = ("Geheim concept Amersfoort", "Geheime nieuwe titel", "Vertrouwelijk stuk Amersfoort")


@dataclass
class Scene:
    index_b: CaseIndexPage
    draft_b: CasePage
    live_b: CasePage
    own_draft: CasePage


@pytest.fixture
def scene(setup_editors, utrecht, amersfoort, make_case, settings, tmp_path) -> Scene:
    settings.MEDIA_ROOT = tmp_path
    own_draft = draft_case(utrecht, title="Eigen concept Utrecht", slug="eigen-concept")
    draft_b = draft_case(amersfoort, title="Geheim concept Amersfoort")
    live_b = make_case(amersfoort, title="Openbaar in Amersfoort", slug="openbaar")
    live_b.title = "Geheime nieuwe titel"  # the last edit of all: the report's "last edited"
    live_b.save_revision()
    make_document(
        "Vertrouwelijk stuk Amersfoort", Collection.objects.get(name="Gemeente Amersfoort")
    )
    # B's draft in review, so it is in B's workflow reports too.
    colleague = User.objects.create_user("redacteur-b2", "b2@voorbeeld.nl", "x")
    colleague.groups.add(Group.objects.get(name="Redactie Gemeente Amersfoort"))
    draft_b.get_workflow().start(draft_b, colleague)
    return Scene(case_index_for(amersfoort), draft_b, live_b, own_draft)


def surfaces(scene: Scene) -> dict[str, str]:
    b, live = scene.draft_b.pk, scene.live_b.pk
    return {
        "chooser: B's index": f"/admin/choose-page/{scene.index_b.pk}/",
        "chooser: B's draft as parent": f"/admin/choose-page/{b}/",
        "chooser: casusbladen only": "/admin/choose-page/?page_type=cases.casepage",
        "chooser: multiple": f"/admin/choose-page/{scene.index_b.pk}/?multiple=1",
        "chooser: search": "/admin/choose-page/search/?q=Geheim",
        "chooser: search casusbladen": (
            "/admin/choose-page/search/?q=Geheim&page_type=cases.casepage"
        ),
        "chooser: chosen": f"/admin/choose-page/chosen-multiple/?id={b}&id={live}",
        "chooser: chosen draft": f"/admin/choose-page/chosen-multiple/?id={b}",
        "bulk delete": f"/admin/bulk/wagtailcore/page/delete/?id={b}&id={live}",
        "bulk publish": f"/admin/bulk/wagtailcore/page/publish/?id={b}",
        "bulk unpublish": f"/admin/bulk/wagtailcore/page/unpublish/?id={live}",
        "bulk move": f"/admin/bulk/wagtailcore/page/move/?id={b}",
        "bulk all under B": (
            f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={scene.index_b.pk}"
        ),
        "bulk all found by search": "/admin/bulk/wagtailcore/page/delete/?id=all&q=Geheim",
        "bulk all pages": "/admin/bulk/wagtailcore/page/publish/?id=all",
        "report: page types": "/admin/reports/page-types-usage/",
        "report: page types results": "/admin/reports/page-types-usage/results/",
        "report: aging pages": "/admin/reports/aging-pages/",
        "report: site history": "/admin/reports/site-history/",
        "report: workflows": "/admin/reports/workflow/",
        "report: workflow tasks": "/admin/reports/workflow_tasks/",
        "explorer: B's index": f"/admin/pages/{scene.index_b.pk}/",
        "explorer: search": "/admin/pages/search/?q=Geheim",
        "explorer: pages of a type": "/admin/pages/usage/cases/casepage/",
        "dashboard": "/admin/",
        "admin API: pages": "/admin/api/main/pages/?type=cases.CasePage&fields=title",
        "admin API: page": f"/admin/api/main/pages/{b}/",
        "admin API: search": "/admin/api/main/pages/?search=Geheim",
        "admin API: documents": "/admin/api/main/documents/",
        "document chooser": "/admin/documents/chooser/results/?q=Vertrouwelijk",
        "documents": "/admin/documents/?q=Vertrouwelijk",
        "edit B's draft": f"/admin/pages/{b}/edit/",
        "history of B's draft": f"/admin/pages/{b}/history/",
        "preview of B's draft": f"/admin/pages/{b}/edit/preview/",
    }


def test_editor_of_a_sees_no_draft_title_of_b(scene, editor_a, client):
    client.force_login(editor_a)
    leaks = {}
    for name, url in surfaces(scene).items():
        response = client.get(url)
        assert response.status_code in (200, 302, 404), (name, response.status_code)
        body = response.content.decode()
        found = [secret for secret in SECRETS if secret in body]
        if found:
            leaks[name] = found
    assert leaks == {}


def test_the_chooser_still_offers_live_pages_and_own_drafts(scene, editor_a, amersfoort, client):
    client.force_login(editor_a)
    other_live = CasePage.objects.get(pk=scene.live_b.pk)
    CasePage.objects.filter(pk=other_live.pk).update(draft_title=other_live.title)

    browse = client.get(f"/admin/choose-page/{scene.index_b.pk}/").content.decode()
    assert "Openbaar in Amersfoort" in browse
    search = client.get("/admin/choose-page/search/?q=concept").content.decode()
    assert "Eigen concept Utrecht" in search and "Geheim concept" not in search
    chosen = client.get(f"/admin/choose-page/chosen-multiple/?id={scene.own_draft.pk}")
    assert chosen.status_code == 200 and "Eigen concept Utrecht" in chosen.content.decode()
    bulk = client.get(f"/admin/bulk/wagtailcore/page/delete/?id={scene.own_draft.pk}")
    assert bulk.status_code == 200 and "Eigen concept Utrecht" in bulk.content.decode()
    everything = client.get("/admin/bulk/wagtailcore/page/delete/?id=all&q=concept")
    assert "Eigen concept Utrecht" in everything.content.decode()


def test_moderators_see_every_draft(scene, moderator, client):
    client.force_login(moderator)
    search = client.get("/admin/choose-page/search/?q=Geheim").content.decode()
    assert "Geheim concept Amersfoort" in search
    browse = client.get(f"/admin/choose-page/{scene.index_b.pk}/").content.decode()
    assert "Geheime nieuwe titel" in browse
    chosen = client.get(f"/admin/choose-page/chosen-multiple/?id={scene.draft_b.pk}")
    assert "Geheim concept Amersfoort" in chosen.content.decode()
    report = client.get("/admin/reports/page-types-usage/").content.decode()
    assert "Geheim" in report
    documents = Client()
    documents.force_login(moderator)
    api = documents.get("/admin/api/main/documents/").content.decode()
    assert "Vertrouwelijk stuk Amersfoort" in api
