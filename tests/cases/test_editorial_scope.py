"""Editors use their own documents, and cannot change a live page's file around review.

Forged form posts and import lines name documents and pages by id; each must be
refused when the id belongs to another municipality's collection or draft.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, rich_text

from cases.interchange.importer import import_lines
from cases.models import CasePage, LessonPage
from tests.document_fixtures import PDF, attach, draft_case, make_document

pytestmark = pytest.mark.django_db

REFUSED_DOCUMENT = "is niet een van de documenten van uw gemeente"
REFUSED_PAGE = "is niet gepubliceerd en u mag hem niet bewerken"


@pytest.fixture
def documents(setup_editors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    own = make_document("Eigen evaluatie", Collection.objects.get(name="Gemeente Utrecht"))
    amersfoort = Collection.objects.get(name="Gemeente Amersfoort")
    other = make_document("Vertrouwelijk Amersfoort", amersfoort)
    return own, other


def edit_case(client, case, case_form_data, **overrides):
    url = reverse("wagtailadmin_pages:edit", args=[case.pk])
    return client.post(url, case_form_data(title=case.title, slug=case.slug, **overrides))


def attaching(document, **extra) -> dict:
    """The form data that attaches `document` as the casusblad's one attachment."""
    return {"attachments": inline_formset([{"document": document.pk, "description": "", **extra}])}


def test_an_editor_attaches_own_documents_only(
    documents, utrecht, make_case, editor_a, client, case_form_data
):
    own, other = documents
    case = make_case(utrecht)
    client.force_login(editor_a)

    refused = edit_case(client, case, case_form_data, **attaching(other))

    assert refused.status_code == 200
    assert REFUSED_DOCUMENT in refused.content.decode()
    assert not any(r.content.get("attachments") for r in case.revisions.all())

    accepted = edit_case(client, case, case_form_data, **attaching(own))
    assert accepted.status_code == 302
    assert case.revisions.latest("created_at").content["attachments"][0]["document"] == own.pk


def test_forged_rich_text_document_and_page_links_are_refused(
    documents, utrecht, amersfoort, make_case, editor_a, client, case_form_data
):
    own, other = documents
    case = make_case(utrecht)
    draft_b = draft_case(amersfoort, title="Geheim concept Amersfoort")
    live_b = make_case(amersfoort, title="Gepubliceerd in Amersfoort", slug="live-b")
    client.force_login(editor_a)

    for html, message in (
        (f'<p><a linktype="document" id="{other.pk}">plan</a></p>', REFUSED_DOCUMENT),
        (f'<p><a linktype="page" id="{draft_b.pk}">concept</a></p>', REFUSED_PAGE),
    ):
        response = edit_case(client, case, case_form_data, approach=rich_text(html))
        assert response.status_code == 200, html
        assert message in response.content.decode()
        assert "Geheim concept Amersfoort" not in response.content.decode()

    allowed = (
        f'<p><a linktype="document" id="{own.pk}">eigen</a> en '
        f'<a linktype="page" id="{live_b.pk}">Amersfoort</a></p>'
    )
    assert edit_case(client, case, case_form_data, approach=rich_text(allowed)).status_code == 302


def test_moderators_may_use_any_collection(
    documents, utrecht, make_case, moderator, client, case_form_data
):
    _own, other = documents
    case = make_case(utrecht)
    client.force_login(moderator)
    assert edit_case(client, case, case_form_data, **attaching(other)).status_code == 302


def test_what_a_page_already_uses_stays_allowed(
    documents, utrecht, make_case, editor_a, client, case_form_data
):
    """A Kennisredactie attachment from another collection does not block the next edit."""
    _own, other = documents
    case = make_case(utrecht)
    attach(case, other)
    attachment = case.attachments.get()
    client.force_login(editor_a)
    data = attaching(other, id=attachment.pk)
    assert edit_case(client, case, case_form_data, **data).status_code == 302


def test_related_cases_offer_and_accept_live_or_own_pages_only(
    setup_editors, utrecht, amersfoort, make_case, make_lesson, editor_a, client
):
    draft_b = draft_case(amersfoort, title="Geheim concept Amersfoort")
    live_b = make_case(amersfoort, title="Gepubliceerd in Amersfoort", slug="live-b")
    own_draft = draft_case(utrecht, title="Eigen concept", slug="eigen-concept")
    lesson = make_lesson(utrecht)
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])

    form = client.get(url).content.decode()
    assert "Gepubliceerd in Amersfoort" in form and "Eigen concept" in form
    assert "Geheim concept Amersfoort" not in form

    data = {
        "title": lesson.title,
        "slug": lesson.slug,
        "summary": lesson.summary,
        "body": rich_text(lesson.body),
        "themes": [t.pk for t in lesson.themes.all()],
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    refused = client.post(url, {**data, "related_cases": [draft_b.pk]})
    assert refused.status_code == 200
    assert not LessonPage.objects.get(pk=lesson.pk).revisions.filter(
        content__related_cases=[draft_b.pk]
    )
    accepted = client.post(url, {**data, "related_cases": [live_b.pk, own_draft.pk]})
    assert accepted.status_code == 302


def import_line(record: dict):
    return import_lines([json.dumps(record)])


def lesson_record(**fields) -> dict:
    return {
        "type": "les",
        "external_id": "les-import-1",
        "municipality": "GM0344",
        "title": "Begin klein",
        "summary": "Start met één corporatie.",
        "body": "<p>Een pilot met één partner.</p>",
        "themes": ["jeugdhulp"],
        "visibility": "public",
        **fields,
    }


def test_the_importer_refuses_another_municipalitys_draft(setup_editors, amersfoort, make_case):
    draft = draft_case(amersfoort, title="Geheim concept Amersfoort", external_id="amf-concept")
    make_case(amersfoort, title="Gepubliceerd", slug="gepubliceerd", external_id="amf-live")

    refused = import_line(lesson_record(related_cases=["amf-concept"]))
    assert refused.failed == 1, refused.results
    (problem,) = refused.problems
    assert problem.line == 1
    (reason,) = problem.reasons
    assert reason.startswith("could not be saved: references:")
    assert f"{draft.pk} {REFUSED_PAGE}" in reason
    assert not LessonPage.objects.filter(external_id="les-import-1").exists()

    accepted = import_line(lesson_record(related_cases=["amf-live"]))
    assert accepted.failed == 0, accepted.problems


def test_the_importer_refuses_another_collections_document(documents, utrecht):
    """Checked on the page the importer is about to publish, whatever the line carried."""
    from django.core.exceptions import ValidationError

    from cases.municipality_scope import check_import_references

    own, other = documents
    page = CasePage(
        title="Geïmporteerd",
        summary="Uit een partnersysteem.",
        period_start="2020-01-01",
        status="afgerond",
        approach=f'<p><a linktype="document" id="{other.pk}">plan</a></p>',
    )
    with pytest.raises(ValidationError) as refused:
        check_import_references(page, utrecht, new=True)
    assert str(other.pk) in str(refused.value)

    page.approach = f'<p><a linktype="document" id="{own.pk}">plan</a></p>'
    check_import_references(page, utrecht, new=True)


# No review bypass --------------------------------------------------------------


def replace_file(client, document, data: bytes):
    url = reverse("wagtaildocs:edit", args=[document.pk])
    return client.post(
        url,
        {
            "title": document.title,
            "collection": document.collection_id,
            "tags": "",
            "file": SimpleUploadedFile("rapport.pdf", data, content_type="application/pdf"),
        },
    )


def upload(title: str, user):
    """A document in Utrecht's collection, uploaded by `user` (who may edit it while unused)."""
    document = make_document(title, Collection.objects.get(name="Gemeente Utrecht"))
    document.uploaded_by_user = user
    document.save()
    return document


def stored(document) -> bytes:
    document.refresh_from_db()
    with document.open_file() as handle:
        return handle.read()


def served(document) -> bytes:
    from django.test import Client

    document.refresh_from_db()
    return b"".join(Client().get(document.url).streaming_content)


def test_an_editor_cannot_replace_the_file_of_a_live_page(
    setup_editors, utrecht, make_case, editor_a, moderator, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = upload("Evaluatie", editor_a)
    case = make_case(utrecht)
    attach(case, document)
    assert served(document) == PDF

    client.force_login(editor_a)
    response = replace_file(client, document, b"%PDF-1.4\nongecontroleerd")
    assert response.status_code in (302, 403)
    assert served(document) == PDF
    delete = client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert delete.status_code in (302, 403)
    document.refresh_from_db()

    client.force_login(moderator)
    assert replace_file(client, document, b"%PDF-1.4\nbeoordeeld").status_code == 302
    assert served(document) == b"%PDF-1.4\nbeoordeeld"


def test_an_editor_may_replace_own_files_until_they_go_live(
    setup_editors, utrecht, editor_a, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = upload("Concept", editor_a)
    draft = draft_case(utrecht)
    attach(draft, document)
    client.force_login(editor_a)

    assert replace_file(client, document, b"%PDF-1.4\nversie 2").status_code == 302
    assert stored(document) == b"%PDF-1.4\nversie 2"


def test_the_document_chooser_offers_the_own_collection(documents, editor_a, moderator, client):
    client.force_login(editor_a)
    offered = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert "Eigen evaluatie" in offered and "Vertrouwelijk Amersfoort" not in offered
    searched = client.get(reverse("wagtaildocs_chooser:choose_results") + "?q=Vertrouwelijk")
    assert "Vertrouwelijk Amersfoort" not in searched.content.decode()

    client.force_login(moderator)
    offered = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert "Eigen evaluatie" in offered and "Vertrouwelijk Amersfoort" in offered


def test_while_the_reference_index_catches_up_editors_wait(
    setup_editors, utrecht, editor_a, client, settings, tmp_path
):
    """A queued index update may be the one that shows a document's live use: fail closed."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from cases.document_policy import REFERENCE_INDEX_TASK

    settings.MEDIA_ROOT = tmp_path
    document = upload("Concept", editor_a)
    queued = DBTaskResult.objects.create(
        task_path=REFERENCE_INDEX_TASK,
        args_kwargs={"args": ["cases", "casepage", "1"], "kwargs": {}},
        status="READY",
        priority=0,
        queue_name="default",
        backend_name="default",
        enqueued_at=timezone.now(),
        run_after=None,
    )
    client.force_login(editor_a)
    assert replace_file(client, document, b"%PDF-1.4\nnu niet").status_code == 302
    assert stored(document) == PDF

    queued.delete()
    assert replace_file(client, document, b"%PDF-1.4\nnu wel").status_code == 302
    assert stored(document) == b"%PDF-1.4\nnu wel"
