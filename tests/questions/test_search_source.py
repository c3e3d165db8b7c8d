"""Resolved questions in the real index: type "vraag", on resolution, for whom they may.

A (Amersfoort) asks, B (Utrecht) answers, A accepts. The outbox is drained by the
task after each commit, as in production; the index is a fresh one per test.
"""

import pytest
from django.test import Client
from django.urls import reverse

from questions import ask_panel, lifecycle
from questions.models import Question, QuestionVisibility
from search import es_search
from search.documents import QUESTION, alias
from search.lifecycle import rebuild, reconcile
from search.service import SearchRequest, search
from search.sources import document_id

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

TITLE = "Hoe signaleren jullie schulden vroeg?"
ANSWER = "<p>Wij werken met een signaleringsconvenant met de woningcorporaties.</p>"


@pytest.fixture
def index(fresh_index):
    """An empty content index behind the alias (search_fixtures.fresh_index)."""
    return fresh_index


@pytest.fixture
def resolve(people, es_client, django_capture_on_commit_callbacks):
    """B answers and A accepts, each change committed (the drain runs after it)."""

    def run(question: Question) -> Question:
        with django_capture_on_commit_callbacks(execute=True):
            answer = lifecycle.answer(people["broker (B)"], question, body=ANSWER)
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.accept_answer(people["asker (A)"], answer)
        question.refresh_from_db()
        es_client.indices.refresh(index=alias())  # what the drain wrote, searchable now
        return question

    return run


def indexed(es_client) -> dict[str, dict]:
    es_client.indices.refresh(index=alias())
    hits = es_client.search(index=alias(), size=100, query={"term": {"type": QUESTION}})
    return {hit["_id"]: hit["_source"] for hit in hits["hits"]["hits"]}


def _found(members: bool, q: str = "schulden signaleren") -> list:
    request = SearchRequest(q=q, members=members, questions=True, question_members=members)
    return [hit.question_id for hit in search(request).hits if hit.type == QUESTION]


def test_indexed_when_resolved_not_before(
    index, ask, resolve, people, django_capture_on_commit_callbacks
):
    question = ask(visibility=QuestionVisibility.PUBLIC_WHEN_RESOLVED)
    with django_capture_on_commit_callbacks(execute=True):
        answer = lifecycle.answer(people["broker (B)"], question, body=ANSWER)
    assert indexed(index) == {}  # answered, not yet resolved
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.accept_answer(people["asker (A)"], answer)
    document = indexed(index)[document_id(QUESTION, question.pk)]
    assert document["question_id"] == question.pk
    assert document["title"] == TITLE
    assert document["answer"] == ANSWER
    assert document["visibility"] == "public"
    assert document["municipality"]["code"] == question.municipality.cbs_code
    assert document["url"] == f"/vragen/{question.pk}/"
    assert [theme["slug"] for theme in document["themes"]] == ["inkomen-en-schulden"]
    # The accepted answer's words find it too.
    assert _found(members=False, q="signaleringsconvenant") == [question.pk]


def test_members_only_for_members_and_between_the_parties_never(index, ask, resolve):
    members = resolve(ask(visibility=QuestionVisibility.MEMBERS))
    involved = resolve(ask(visibility=QuestionVisibility.INVOLVED))
    public = resolve(ask(visibility=QuestionVisibility.PUBLIC_WHEN_RESOLVED))
    assert set(indexed(index)) == {document_id(QUESTION, q.pk) for q in (members, public)}
    assert sorted(_found(members=True)) == sorted([members.pk, public.pk])
    assert _found(members=False) == [public.pk]
    assert involved.pk not in _found(members=True)


def test_pages_only_where_questions_were_not_asked_for(index, ask, resolve):
    question = resolve(ask(visibility=QuestionVisibility.PUBLIC_WHEN_RESOLVED))
    assert search(SearchRequest(q="schulden signaleren", members=True)).total == 0
    # Routing weighs pages only: a question is not a municipality's publication.
    assert (
        es_search.match_documents(
            "schulden signaleren", members=True, municipalities=10, per_municipality=3
        )
        == []
    )
    assert _found(members=True) == [question.pk]


def test_the_search_page_shows_it_with_the_type_facet(index, ask, resolve, people):
    public = resolve(ask(visibility=QuestionVisibility.PUBLIC_WHEN_RESOLVED))
    members = resolve(ask(visibility=QuestionVisibility.MEMBERS, title="Schulden vroeg signaleren"))
    anonymous = Client().get("/zoeken/", {"q": "schulden signaleren"}).content.decode()
    assert f'href="/vragen/{public.pk}/"' in anonymous
    assert f'href="/vragen/{members.pk}/"' not in anonymous
    assert 'Vraag <span class="kb-facet__count">(1)</span>' in anonymous
    member = Client()
    member.force_login(people["member (C)"])
    html = member.get("/zoeken/", {"q": "schulden signaleren", "type": "vraag"}).content.decode()
    assert f'href="/vragen/{members.pk}/"' in html and f'href="/vragen/{public.pk}/"' in html
    # A login without a municipality reads members-only pages, but not members-only
    # questions (questions.access): not in the hits, not in the facet's count.
    outsider = Client()
    outsider.force_login(people["no membership"])
    html = outsider.get("/zoeken/", {"q": "schulden signaleren"}).content.decode()
    assert f'href="/vragen/{public.pk}/"' in html
    assert f'href="/vragen/{members.pk}/"' not in html
    assert 'Vraag <span class="kb-facet__count">(1)</span>' in html


def test_the_ask_panel_shows_it_as_already_answered(index, ask, resolve, people):
    question = resolve(ask(visibility=QuestionVisibility.MEMBERS))
    hidden = resolve(ask(visibility=QuestionVisibility.INVOLVED, title="Schulden signaleren"))
    panel = ask_panel.build(
        people["member (C)"], title="Schulden vroeg signaleren", body="Wie heeft ervaring?"
    )
    assert panel.answered == [question]
    client = Client()
    client.force_login(people["member (C)"])
    response = client.post(
        reverse("questions:panel"), {"titel": "Schulden vroeg signaleren", "vraag": "Tips?"}
    )
    body = response.json()
    assert body["answered"] == [{"title": TITLE, "url": f"/vragen/{question.pk}/"}]
    assert "al beantwoord" in body["html"]
    assert hidden.title not in body["html"]


def test_rebuild_and_reconcile_include_resolved_questions(index, ask, resolve):
    question = resolve(ask(visibility=QuestionVisibility.PUBLIC_WHEN_RESOLVED))
    key = document_id(QUESTION, question.pk)
    rebuild()
    assert key in indexed(index)
    assert not reconcile()
    # Deleted by a stray writer that respected the version (as in tests/search/test_indexing).
    version = index.get(index=alias(), id=key)["_version"]
    index.delete(index=alias(), id=key, version=version, version_type="external_gte", refresh=True)
    assert reconcile().missing == {key}
    assert reconcile(repair=True).missing == {key}
    assert not reconcile()
    Question.objects.filter(pk=question.pk).update(title="Anders genoemd")
    assert reconcile().stale == {key}
