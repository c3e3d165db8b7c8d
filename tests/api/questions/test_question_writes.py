"""Writing through the question API: privacy refusals, state conflicts, the audit log,
the partner account of a token, CSRF for the site session."""

from __future__ import annotations

import pytest
from django.test import Client

from api.models import ApiWriteAudit, PartnerToken
from api.partner_accounts import partner_account
from municipalities.membership import Role, membership_of, set_membership
from questions import lifecycle
from questions.models import InvitationState, Question, QuestionState
from tests.api.conftest import assert_problem, make_token
from tests.api.questions import conftest as question_api
from tests.questions.fakes import invite

pytestmark = pytest.mark.django_db

VALID_BSN = "111222333"  # passes the eleven-test
ASK = {"title": "Wie heeft ervaring met vroegsignalering?", "body": "<p>Wij zoeken ervaring.</p>"}


def post(client: Client, path: str, body: dict | None = None):
    return client.post(path, body or {}, content_type="application/json")


@pytest.mark.parametrize(
    ("field", "pointer"), [("body", "/body"), ("title", "/title")], ids=["body", "title"]
)
def test_a_bsn_is_refused_with_a_pointer_to_its_field(caller, field, pointer):
    body = {**ASK, field: f"Inwoner met BSN {VALID_BSN} vraagt hulp"}
    response = post(caller("token A write"), "/api/v1/questions", body)
    problem = assert_problem(response, 422)
    assert problem["pointer"] == pointer
    assert problem["code"] == "bsn"
    assert problem["needsConfirmation"] is False
    assert [(p["pointer"], p["code"]) for p in problem["invalidParams"]] == [(pointer, "bsn")]
    assert VALID_BSN in problem["detail"]  # the Dutch message names what it found
    assert not Question.objects.exists()


def test_a_bsn_stays_refused_when_the_author_confirms(caller):
    body = {**ASK, "body": f"<p>BSN {VALID_BSN}</p>", "privacyConfirmed": True}
    assert_problem(post(caller("asker (A)"), "/api/v1/questions", body), 422)


def test_an_invalid_bsn_is_no_finding(caller):
    body = {**ASK, "body": "<p>Zaaknummer 111222334 loopt nog.</p>"}
    assert post(caller("asker (A)"), "/api/v1/questions", body).status_code == 201


def test_a_warning_needs_the_confirm_flag(caller):
    body = {**ASK, "body": "<p>Mail de consulent: j.jansen@voorbeeld.nl</p>"}
    client = caller("asker (A)")
    problem = assert_problem(post(client, "/api/v1/questions", body), 422)
    assert problem["needsConfirmation"] is True
    assert problem["pointer"] == "/body"
    assert problem["invalidParams"][0]["code"] == "email"
    confirmed = post(client, "/api/v1/questions", {**body, "privacyConfirmed": True})
    assert confirmed.status_code == 201


def test_an_answer_with_a_bsn_points_at_its_body(caller, asked):
    question = asked(answered=False).question
    response = post(
        caller("broker (B)"),
        f"/api/v1/questions/{question.pk}/answers",
        {"body": f"<p>Neem contact op over {VALID_BSN}.</p>"},
    )
    assert assert_problem(response, 422)["pointer"] == "/body"
    assert not question.answers.exists()


def test_bad_input_is_a_400_naming_the_parameter(caller):
    client = caller("asker (A)")
    response = post(client, "/api/v1/questions", {**ASK, "themes": ["bestaat-niet"]})
    names = [p["name"] for p in assert_problem(response, 400)["invalidParams"]]
    assert names == ["themes"]
    response = post(client, "/api/v1/questions", {"body": "<p>Zonder titel</p>"})
    assert [p["name"] for p in assert_problem(response, 400)["invalidParams"]] == ["title"]


def test_accepting_an_invitation_twice_is_a_conflict(caller, asked):
    invitation = asked(answered=False).invitation
    client = caller("broker (B)")
    first = post(client, f"/api/v1/invitations/{invitation.pk}/accept")
    assert first.status_code == 200
    assert first.json()["state"] == InvitationState.ACCEPTED
    assert_problem(post(client, f"/api/v1/invitations/{invitation.pk}/accept"), 409)


def test_a_second_accepted_answer_is_a_conflict(caller, asked):
    scenario = asked()
    client = caller("asker (A)")
    accepted = post(client, f"/api/v1/answers/{scenario.answer.pk}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["accepted"] is True
    scenario.question.refresh_from_db()
    assert scenario.question.state == QuestionState.RESOLVED
    assert_problem(post(client, f"/api/v1/answers/{scenario.answer.pk}/accept"), 409)


def test_passing_on_to_an_invited_municipality_is_a_conflict(caller, asked):
    invitation = asked().invitation
    response = post(
        caller("broker (B)"),
        f"/api/v1/invitations/{invitation.pk}/pass-on",
        {"municipality": "GM0363"},
    )
    assert_problem(response, 409)


def test_pass_on_to_a_colleague_by_username(caller, asked, people):
    invitation = asked(answered=False).invitation
    response = post(
        caller("broker (B)"),
        f"/api/v1/invitations/{invitation.pk}/pass-on",
        {"colleague": people["member (B)"].username},
    )
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.assignee == people["member (B)"]
    unknown = post(
        caller("broker (B)"),
        f"/api/v1/invitations/{invitation.pk}/pass-on",
        {"colleague": people["member (C)"].username},
    )
    # Someone of another municipality is no colleague: not found, like an unknown name.
    assert [p["name"] for p in assert_problem(unknown, 400)["invalidParams"]] == ["colleague"]


def test_a_partner_system_asks_and_accepts_through_its_token(caller, asked, answerer, router):
    """The token's account is the asker, so the token (not a person of A) accepts."""
    client = caller("token A write")
    created = post(client, "/api/v1/questions", ASK)
    assert created.status_code == 201
    assert created["Location"].endswith(f"/api/v1/questions/{created.json()['id']}")
    question = Question.objects.get(pk=created.json()["id"])
    token = PartnerToken.objects.get(name="Zaaksysteem Amersfoort")
    assert question.asker == token.account
    assert created.json()["municipality"] == {"code": "GM0307", "name": "Amersfoort"}

    invite(question, answerer.municipality_membership.municipality)
    answer = lifecycle.answer(answerer, question, body="<p>Zo.</p>")
    assert post(caller("asker (A)"), f"/api/v1/answers/{answer.pk}/accept").status_code == 403
    assert post(client, f"/api/v1/answers/{answer.pk}/accept").status_code == 200


def test_every_write_is_audited_with_its_outcome(caller, fake_preview):
    client = caller("token A write")
    created = post(client, "/api/v1/questions", ASK)
    post(client, "/api/v1/questions", {**ASK, "body": f"<p>{VALID_BSN}</p>"})
    client.get("/api/v1/questions")  # reads are not audited
    post(client, "/api/v1/routing/preview", {"title": "x", "askerMunicipality": "GM0307"})
    post(caller("token A read"), "/api/v1/questions", ASK)
    post(caller("anonymous"), "/api/v1/questions", ASK)
    token = PartnerToken.objects.get(name="Zaaksysteem Amersfoort")
    rows = list(ApiWriteAudit.objects.order_by("pk"))
    assert [(row.method, row.path, row.status) for row in rows] == [
        ("POST", "/api/v1/questions", 201),
        ("POST", "/api/v1/questions", 422),
        ("POST", "/api/v1/questions", 403),
        ("POST", "/api/v1/questions", 401),
    ]
    assert (rows[0].token, rows[0].user, rows[0].object_type, rows[0].object_id) == (
        token,
        token.account,
        "question",
        created.json()["id"],
    )
    assert (rows[1].token, rows[1].object_id) == (token, None)
    assert rows[2].token.name == "Portaal Amersfoort"
    assert (rows[3].token, rows[3].user) == (None, None)


def test_a_refused_action_is_audited_with_its_object(caller, asked, people):
    scenario = asked()
    post(caller("broker (B)"), f"/api/v1/answers/{scenario.answer.pk}/accept")
    row = ApiWriteAudit.objects.get()
    assert (row.user, row.status, row.object_type, row.object_id) == (
        people["broker (B)"],
        403,
        "answer",
        scenario.answer.pk,
    )


def test_a_session_write_needs_the_csrf_token(caller):
    client = caller("asker (A)", enforce_csrf_checks=True)
    assert_problem(post(client, "/api/v1/questions", ASK), 403)
    assert not Question.objects.exists()
    assert ApiWriteAudit.objects.get().status == 403


def test_each_token_gets_one_partner_account_in_its_municipality(tokens, amersfoort):
    first, second = PartnerToken.objects.order_by("pk")
    stale = PartnerToken.objects.get(pk=first.pk)  # read before the account existed
    account = partner_account(first)
    assert partner_account(stale) == account  # the second first use finds it
    assert partner_account(second) != account
    assert not account.has_usable_password()
    assert account.email == ""
    affiliation = membership_of(account)
    assert affiliation.municipality == amersfoort
    assert affiliation.roles == {Role.MEMBER, Role.KNOWLEDGE_BROKER}


def test_a_partner_system_does_not_take_the_editors_place(tokens, utrecht, editor_a, people):
    """A municipality whose only broker is its partner system still reaches its
    editors on the site; a person who is broker keeps the invitations to themselves."""
    from municipalities.models import Membership
    from questions.access import receivers

    Membership.objects.filter(user=people["broker (B)"]).delete()
    set_membership(editor_a, utrecht, {Role.EDITOR})
    token = make_token(utrecht, "Zaaksysteem Utrecht", question_api.WRITE)[0]
    account = partner_account(token)
    assert set(receivers(utrecht)) == {account, editor_a}
    set_membership(people["broker (B)"], utrecht, {Role.KNOWLEDGE_BROKER})
    assert set(receivers(utrecht)) == {account, people["broker (B)"]}
