"""The asker's side through the API: rating an answer and closing the question.

Both call questions.lifecycle (rate, close), so these tests are about the API's
side: the body's shape, how a refusal leaves (400/403/409/422), what the response
shows, the links that lead here, and the audit row of each write.
"""

from __future__ import annotations

import pytest
from django.test import Client

from api.models import ApiWriteAudit, PartnerToken
from questions import lifecycle
from questions.models import Question, QuestionState, Rating
from tests.api.conftest import assert_problem
from tests.questions.fakes import invite

pytestmark = pytest.mark.django_db

VALID_BSN = "111222333"  # passes the eleven-test


def post(client: Client, path: str, body: dict | None = None):
    return client.post(path, body or {}, content_type="application/json")


def rating_of(client: Client, answer_pk: int, body: dict):
    return post(client, f"/api/v1/answers/{answer_pk}/rating", body)


def test_the_asker_rates_and_changes_the_rating(caller, asked):
    answer = asked().answer
    client = caller("asker (A)")
    first = rating_of(client, answer.pk, {"rating": Rating.HELPFUL, "comment": "Heel concreet."})
    assert first.status_code == 200
    assert (first.json()["rating"], first.json()["ratingComment"]) == ("helpful", "Heel concreet.")
    changed = rating_of(client, answer.pk, {"rating": Rating.NOT_HELPFUL})
    assert changed.status_code == 200
    answer.refresh_from_db()
    # A second rating replaces the first, comment included (as the site's form does).
    assert (answer.rating, answer.rating_comment) == (Rating.NOT_HELPFUL, "")
    assert (changed.json()["rating"], changed.json()["ratingComment"]) == ("not_helpful", "")


def test_readers_of_the_answer_see_the_rating_comment(caller, asked):
    """The question page shows the rating and its comment to whoever reads the thread."""
    answer = asked().answer
    lifecycle.rate(answer.question.asker, answer, rating=Rating.HELPFUL, comment="Dank!")
    response = caller("broker (B)").get(f"/api/v1/questions/{answer.question_id}/answers")
    (shown,) = response.json()["_embedded"]["answers"]
    assert (shown["rating"], shown["ratingComment"]) == ("helpful", "Dank!")
    assert shown["_links"]["rate"]["href"].endswith(f"/api/v1/answers/{answer.pk}/rating")


@pytest.mark.parametrize("role", ["broker (B)", "moderator", "token A write"])
def test_only_the_asker_rates(caller, asked, role):
    """Not the answerer's side, not a moderator, not another system of A: the asker."""
    answer = asked().answer
    assert_problem(rating_of(caller(role), answer.pk, {"rating": Rating.HELPFUL}), 403)
    answer.refresh_from_db()
    assert answer.rating == ""


def test_a_partner_system_rates_the_answer_to_its_own_question(caller, answerer, router):
    client = caller("token A write")
    created = post(client, "/api/v1/questions", {"title": "Wie weet raad?", "body": "<p>Hoe?</p>"})
    question = Question.objects.get(pk=created.json()["id"])
    invite(question, answerer.municipality_membership.municipality)
    answer = lifecycle.answer(answerer, question, body="<p>Zo.</p>")
    assert rating_of(client, answer.pk, {"rating": Rating.HELPFUL}).status_code == 200


@pytest.mark.parametrize("body", [{"rating": "great"}, {}, {"comment": "Alleen tekst."}])
def test_a_bad_rating_is_a_400_naming_the_field(caller, asked, body):
    answer = asked().answer
    problem = assert_problem(rating_of(caller("asker (A)"), answer.pk, body), 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["rating"]


def test_a_bsn_in_the_comment_is_refused_with_a_pointer(caller, asked):
    answer = asked().answer
    body = {"rating": Rating.HELPFUL, "comment": f"Bel over {VALID_BSN}."}
    problem = assert_problem(rating_of(caller("asker (A)"), answer.pk, body), 422)
    assert (problem["pointer"], problem["code"]) == ("/comment", "bsn")
    answer.refresh_from_db()
    assert answer.rating == ""


def test_an_answer_to_an_unseen_question_is_not_found(caller, asked):
    answer = asked().answer
    assert_problem(rating_of(caller("member (C)"), answer.pk, {"rating": "helpful"}), 404)
    assert_problem(rating_of(caller("asker (A)"), answer.pk + 999, {"rating": "helpful"}), 404)


@pytest.mark.parametrize("role", ["asker (A)", "moderator"])
def test_the_asker_or_a_moderator_closes(caller, asked, role):
    question = asked().question
    response = post(caller(role), f"/api/v1/questions/{question.pk}/close")
    assert response.status_code == 200
    assert (response.json()["id"], response.json()["state"]) == (question.pk, "closed")
    assert response.json()["answerCount"] == 1
    question.refresh_from_db()
    assert question.state == QuestionState.CLOSED


def test_others_may_not_close(caller, asked):
    question = asked().question
    for role in ("broker (B)", "token A write"):
        assert_problem(post(caller(role), f"/api/v1/questions/{question.pk}/close"), 403)
    question.refresh_from_db()
    assert question.state == QuestionState.ANSWERED


def test_closing_a_resolved_or_closed_question_is_a_conflict(caller, asked):
    client = caller("asker (A)")
    resolved = asked(resolved=True).question
    assert_problem(post(client, f"/api/v1/questions/{resolved.pk}/close"), 409)
    resolved.refresh_from_db()
    assert resolved.state == QuestionState.RESOLVED
    closed = asked().question
    assert post(client, f"/api/v1/questions/{closed.pk}/close").status_code == 200
    assert_problem(post(client, f"/api/v1/questions/{closed.pk}/close"), 409)


def test_the_question_links_to_its_close(caller, asked):
    question = asked().question
    body = caller("asker (A)").get(f"/api/v1/questions/{question.pk}").json()
    assert body["_links"]["close"]["href"].endswith(f"/api/v1/questions/{question.pk}/close")


def test_rating_and_closing_are_audited_with_their_objects(caller, asked, people):
    scenario = asked()
    answer, question = scenario.answer, scenario.question
    asker = caller("asker (A)")
    rating_of(asker, answer.pk, {"rating": Rating.HELPFUL})
    rating_of(asker, answer.pk, {"rating": "great"})
    rating_of(caller("broker (B)"), answer.pk, {"rating": Rating.HELPFUL})
    post(caller("token A write"), f"/api/v1/questions/{question.pk}/close")
    post(asker, f"/api/v1/questions/{question.pk}/close")
    post(asker, f"/api/v1/questions/{question.pk}/close")
    token = PartnerToken.objects.get(name="Zaaksysteem Amersfoort")
    rows = [
        (row.user, row.token, row.path, row.status, row.object_type, row.object_id)
        for row in ApiWriteAudit.objects.order_by("pk")
    ]
    rating, close = f"/api/v1/answers/{answer.pk}/rating", f"/api/v1/questions/{question.pk}/close"
    asker_user = people["asker (A)"]
    assert rows == [
        (asker_user, None, rating, 200, "answer", answer.pk),
        (asker_user, None, rating, 400, "answer", answer.pk),
        (people["broker (B)"], None, rating, 403, "answer", answer.pk),
        (token.account, token, close, 403, "question", question.pk),
        (asker_user, None, close, 200, "question", question.pk),
        (asker_user, None, close, 409, "question", question.pk),
    ]


def test_a_session_rating_or_close_needs_the_csrf_token(caller, asked):
    scenario = asked()
    client = caller("asker (A)", enforce_csrf_checks=True)
    assert_problem(rating_of(client, scenario.answer.pk, {"rating": Rating.HELPFUL}), 403)
    assert_problem(post(client, f"/api/v1/questions/{scenario.question.pk}/close"), 403)
    scenario.answer.refresh_from_db()
    scenario.question.refresh_from_db()
    assert (scenario.answer.rating, scenario.question.state) == ("", QuestionState.ANSWERED)
    assert [row.status for row in ApiWriteAudit.objects.order_by("pk")] == [403, 403]
