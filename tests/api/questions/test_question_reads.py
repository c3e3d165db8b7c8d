"""Reading through the question API: shapes, filters, paging, query counts, and the
routing preview on the real router and Elasticsearch node."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.models import Scope
from questions.models import QuestionState, QuestionVisibility
from search.relevance import index_now
from tests.api.conftest import assert_problem, make_token

pytestmark = pytest.mark.django_db


def ids(response, name: str = "questions") -> list[int]:
    assert response.status_code == 200
    return [item["id"] for item in response.json()["_embedded"][name]]


def test_a_question_reads_in_lower_camel_case_with_links(caller, asked):
    question = asked().question
    body = caller("asker (A)").get(f"/api/v1/questions/{question.pk}").json()
    assert body["municipality"] == {"code": "GM0307", "name": "Amersfoort"}
    assert body["themes"] == ["inkomen-en-schulden"]
    assert (body["state"], body["answerCount"], body["resolvedAt"]) == ("answered", 1, None)
    assert body["wantedBy"] == question.wanted_by.isoformat()
    assert body["_links"]["answers"]["href"].endswith(f"/api/v1/questions/{question.pk}/answers")
    assert "asker" not in body  # no person's name leaves the site


def test_invitations_say_who_was_invited_and_why(caller, asked):
    question = asked().question
    response = caller("token A read").get(f"/api/v1/questions/{question.pk}/invitations")
    invitations = response.json()["_embedded"]["invitations"]
    assert [i["municipality"]["code"] for i in invitations] == ["GM0344", "GM0363"]
    assert invitations[0]["reasons"][0]["kind"] == "documents"
    assert invitations[0]["reasonText"].startswith("Utrecht: ")
    assert invitations[1]["state"] == "answered"


def test_the_inbox_holds_the_invitations_of_the_callers_municipality(caller, asked):
    invitation = asked(answered=False).invitation
    inbox = caller("broker (B)").get("/api/v1/invitations")
    assert ids(inbox, "invitations") == [invitation.pk]
    assert inbox.json()["_embedded"]["invitations"][0]["question"]["municipality"]["code"] == (
        "GM0307"
    )


def test_filters(caller, asked, people):
    involved = asked().question
    members = asked(QuestionVisibility.MEMBERS, answered=False).question
    client = caller("member (C)")
    assert ids(client.get("/api/v1/questions")) == [members.pk]
    moderator = caller("moderator")
    assert ids(moderator.get("/api/v1/questions?state=answered")) == [involved.pk]
    assert ids(moderator.get("/api/v1/questions?state=open")) == [members.pk]
    assert ids(moderator.get("/api/v1/questions?theme=inkomen-en-schulden")) == [
        members.pk,
        involved.pk,
    ]
    assert ids(moderator.get("/api/v1/questions?municipality=GM0344")) == []
    assert ids(caller("token A read").get("/api/v1/questions?mine=true")) == [
        members.pk,
        involved.pk,
    ]
    assert ids(client.get("/api/v1/questions?mine=true")) == []
    assert ids(moderator.get("/api/v1/questions?mine=true")) == []  # acts for no municipality
    problem = assert_problem(moderator.get("/api/v1/questions?state=weg&municipality=x"), 400)
    assert sorted(p["name"] for p in problem["invalidParams"]) == ["municipality", "state"]


def test_the_list_pages_the_adr_way(caller, asked):
    for _ in range(3):
        asked()
    response = caller("asker (A)").get("/api/v1/questions?pageSize=2&page=2")
    assert response["X-Total-Count"] == "3"
    assert len(response.json()["_embedded"]["questions"]) == 1
    assert set(response.json()["_links"]) == {"self", "first", "last", "prev"}
    assert_problem(caller("asker (A)").get("/api/v1/questions?page=3&pageSize=2"), 404)


@pytest.mark.parametrize("role", ["anonymous", "asker (A)", "moderator", "token A read"])
def test_the_list_takes_the_same_queries_for_more_questions(caller, asked, role):
    client = caller(role)
    client.get("/api/v1/questions")  # a token's partner account is made on first use

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/questions").status_code == 200
        captured_sql[:] = [q["sql"][:150] for q in captured]
        return len(captured)

    captured_sql: list[str] = []
    asked(QuestionVisibility.PUBLIC_WHEN_RESOLVED, resolved=True)
    few = queries()
    for visibility in (QuestionVisibility.MEMBERS, QuestionVisibility.PUBLIC_WHEN_RESOLVED):
        asked(visibility, resolved=True)
        asked(visibility)
    assert queries() == few
    assert few <= 14, "\n".join(captured_sql)  # session, user and permissions included


def test_a_token_without_the_read_scope_reads_no_questions(amersfoort, asked, api_client):
    _token, secret = make_token(amersfoort, "Alleen casussen", [Scope.CASES_READ.value])
    response = api_client.get("/api/v1/questions", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert "questions:read" in assert_problem(response, 403)["detail"]


@pytest.fixture
def debt_pages(schulden, es_client):
    """Pekela's public pages on debt and Amsterdam's members-only one, indexed."""
    index_now()


def test_the_routing_preview_names_peers_with_reasons(amersfoort, debt_pages, api_client):
    body = {
        "title": "Vroegsignalering van schulden bij betalingsachterstanden",
        "body": "<p>Wie werkt met woningcorporaties?</p>",
        "themes": ["inkomen-en-schulden"],
        "askerMunicipality": "GM0344",
        "limit": 50,
    }

    def candidates(scopes: list[str]) -> dict[str, dict]:
        _token, secret = make_token(amersfoort, f"Systeem {len(scopes)}", scopes)
        response = api_client.post(
            "/api/v1/routing/preview",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        assert response.status_code == 200
        return {c["municipality"]["code"]: c for c in response.json()["candidates"]}

    public = candidates([Scope.QUESTIONS_READ.value])
    first = next(iter(public.values()))
    assert first["municipality"] == {"code": "GM0765", "name": "Pekela"}
    assert first["score"] > 0
    assert any("Geldzorgen in Oost-Groningen" in r["text"] for r in first["reasons"])
    assert "GM0344" not in public  # the asker is never a candidate
    assert "GM0363" not in public  # its only page is members-only
    members = candidates([Scope.QUESTIONS_READ.value, Scope.CASES_READ.value])
    assert "Betalingsachterstanden vroeg in beeld" in members["GM0363"]["sentence"]


def test_the_routing_preview_checks_its_body(caller):
    client = caller("moderator")
    response = client.post(
        "/api/v1/routing/preview",
        {"title": "Schulden", "limit": 51, "themes": ["bestaat-niet"]},
        content_type="application/json",
    )
    names = sorted(p["name"] for p in assert_problem(response, 400)["invalidParams"])
    assert names == ["limit", "themes.0"]  # the first value is unknown
    response = client.post(
        "/api/v1/routing/preview", {"title": "Schulden"}, content_type="application/json"
    )
    assert [p["name"] for p in assert_problem(response, 400)["invalidParams"]] == [
        "askerMunicipality"
    ]


def test_resolved_public_questions_are_all_an_anonymous_caller_reads(caller, asked):
    resolved = asked(QuestionVisibility.PUBLIC_WHEN_RESOLVED, resolved=True).question
    asked(QuestionVisibility.MEMBERS, resolved=True)
    listing = caller("anonymous").get("/api/v1/questions")
    assert ids(listing) == [resolved.pk]
    assert listing.json()["_embedded"]["questions"][0]["state"] == QuestionState.RESOLVED
