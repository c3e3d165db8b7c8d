"""Documents follow their page: a matrix of roles by where a document is used.

Through real requests to /documents/<id>/<file>, the URL every attachment link and
rich-text document link points at, so the check cannot be skipped by a view that
forgets to ask.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset

from cases.documents_access import Access, document_access
from cases.models import CaseAttachment, CasePage
from cases.visibility import set_members_only
from tests.document_fixtures import PDF, attach, draft_case, make_document

pytestmark = pytest.mark.django_db

PLACES = ("live public page", "members-only page", "draft of A", "nowhere")
Y, N, L = 200, 404, 302  # L: anonymous is sent to log in
# A is Utrecht, whose collection holds every document here; B is Amersfoort.
MATRIX = {
    #           public members draft  nowhere
    "anonymous": (Y, L, N, N),
    "member": (Y, Y, N, N),
    "editor_a": (Y, Y, Y, Y),
    "editor_b": (Y, Y, N, N),
    "moderator": (Y, Y, Y, Y),
}


@dataclass
class Scene:
    documents: dict[str, Document]
    public_case: CasePage
    members_case: CasePage
    draft: CasePage


@pytest.fixture
def scene(setup_editors, utrecht, make_case, settings, tmp_path) -> Scene:
    settings.MEDIA_ROOT = tmp_path
    collection = Collection.objects.get(name="Gemeente Utrecht")
    documents = {place: make_document(f"Stuk: {place}", collection) for place in PLACES}
    public_case = make_case(utrecht)
    members_case = make_case(utrecht, title="Alleen voor leden", members_only=True)
    draft = draft_case(utrecht)
    attach(public_case, documents["live public page"])
    attach(members_case, documents["members-only page"])
    attach(draft, documents["draft of A"])
    return Scene(documents, public_case, members_case, draft)


@pytest.fixture
def client_as(request, client):
    def login(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login


@pytest.mark.parametrize("role", MATRIX)
def test_document_matrix(role, scene, client_as):
    client = client_as(role)

    actual = {place: client.get(scene.documents[place].url).status_code for place in PLACES}

    assert actual == dict(zip(PLACES, MATRIX[role], strict=True))


def page_bytes(response, url: str) -> bytes:
    """The page's bytes without what differs per request: CSRF token, the URL asked for."""
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", response.content)
    for spelling in (url, quote(url, safe="")):
        content = content.replace(spelling.encode(), b"<url>")
    return content


@pytest.mark.parametrize("role", MATRIX)
def test_refusals_look_like_a_missing_document(role, scene, client_as):
    client = client_as(role)
    missing_url = reverse("wagtaildocs_serve", args=[987654, "rapport.pdf"])
    missing = page_bytes(client.get(missing_url), missing_url)
    for place, status in zip(PLACES, MATRIX[role], strict=True):
        url = scene.documents[place].url
        response = client.get(url)
        if status == N:
            assert response.status_code == 404
            assert page_bytes(response, url) == missing, place
            assert scene.documents[place].title.encode() not in response.content
        if status == L:
            login = reverse("wagtailcore_login")
            assert response["Location"].startswith(login), place
            assert "next=" in response["Location"]


def test_anonymous_login_redirect_leads_back_to_the_document(scene, client, member):
    url = scene.documents["members-only page"].url
    response = client.get(url)
    client.force_login(member)
    assert client.get(response["Location"].split("next=")[1].replace("%2F", "/")).status_code == 200


def test_restricted_responses_are_private_and_public_ones_revalidate(scene, client, member):
    public = client.get(scene.documents["live public page"].url)
    assert "no-cache" in public["Cache-Control"] and "private" not in public["Cache-Control"]
    assert b"".join(public.streaming_content) == PDF

    client.force_login(member)
    restricted = client.get(scene.documents["members-only page"].url)
    assert restricted.status_code == 200
    assert "private" in restricted["Cache-Control"] and "no-store" in restricted["Cache-Control"]

    redirect = client.__class__().get(scene.documents["members-only page"].url)
    assert "no-store" in redirect["Cache-Control"]


def test_only_pdfs_open_in_the_browser(scene, client, utrecht, make_case):
    collection = Collection.objects.get(name="Gemeente Utrecht")
    case = make_case(utrecht, title="Met bijlagen", slug="met-bijlagen")
    spreadsheet = make_document("Begroting", collection, name="begroting.csv", data=b"a;b\n1;2\n")
    page_html = make_document("Verslag", collection, name="verslag.txt", data=b"<script>x</script>")
    attach(case, spreadsheet)
    attach(case, page_html)

    pdf = client.get(scene.documents["live public page"].url)
    assert pdf["Content-Disposition"].startswith("inline")
    for document in (spreadsheet, page_html):
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment"), document.filename
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_follows_its_page_when_the_page_changes(scene, client, moderator):
    document = scene.documents["live public page"]
    assert client.get(document.url).status_code == 200

    set_members_only(scene.public_case, True)
    assert client.get(document.url).status_code == 302

    set_members_only(scene.public_case, False)
    scene.public_case.unpublish()
    assert client.get(document.url).status_code == 404


def test_attaching_in_a_draft_of_a_live_page_does_not_publish_the_document(
    scene, client, editor_a, case_form_data
):
    """The editor's new attachment is in a revision only until a moderator publishes it."""
    document = scene.documents["nowhere"]
    case = scene.public_case
    client.force_login(editor_a)
    data = case_form_data(
        title=case.title,
        slug=case.slug,
        attachments=inline_formset([{"document": document.pk, "description": "Nieuw"}]),
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[case.pk]), data)
    assert response.status_code == 302
    assert case.revisions.latest("created_at").content["attachments"]

    anonymous = client.__class__()
    assert anonymous.get(document.url).status_code == 404


def test_a_stale_reference_index_fails_closed(scene, client):
    """Until the index task runs, a removed attachment is no longer public."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    document = scene.documents["live public page"]
    with disable_reference_index_auto_update():
        CaseAttachment.objects.filter(document=document).delete()

    request = RequestFactory().get(document.url)
    request.user = AnonymousUser()
    assert document_access(document, request) is Access.REFUSED
    assert client.get(document.url).status_code == 404


def test_rich_text_document_links_count_as_use(
    setup_editors, utrecht, make_case, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    collection = Collection.objects.get(name="Gemeente Utrecht")
    document = make_document("Gelinkt", collection)
    assert client.get(document.url).status_code == 404
    make_case(
        utrecht,
        title="Met link",
        slug="met-link",
        approach=f'<p>Zie <a linktype="document" id="{document.pk}">het plan</a>.</p>',
    )
    assert client.get(document.url).status_code == 200


def test_media_url_does_not_serve_documents(scene, client, settings):
    """The development server's MEDIA_URL refuses documents/, however the path is spelled."""
    from cases.document_serving import serve_media

    document = scene.documents["draft of A"]
    request = RequestFactory().get("/media/x")
    for path in (
        document.file.name,
        f"images/../{document.file.name}",
        f"/{document.file.name}",
        f"./documents//{document.filename}",
    ):
        with pytest.raises(Http404):
            serve_media(request, path)


def test_an_attachment_the_index_has_not_seen_yet_is_not_public(scene, client, utrecht, make_case):
    """Published while the index task is still queued: 404 until it has run, then 200."""
    from wagtail.models import ReferenceIndex
    from wagtail.signal_handlers import disable_reference_index_auto_update

    document = scene.documents["nowhere"]
    case = make_case(utrecht, title="Net gepubliceerd", slug="net-gepubliceerd")
    with disable_reference_index_auto_update():
        attach(case, document)
    assert client.get(document.url).status_code == 404

    ReferenceIndex.create_or_update_for_object(case)  # what the queued task does
    assert client.get(document.url).status_code == 200
