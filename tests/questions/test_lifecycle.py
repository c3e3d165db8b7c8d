"""questions.lifecycle: every transition, the refused ones leaving nothing behind."""

import datetime

import pytest

from questions import lifecycle
from questions.lifecycle import PrivacyRefused, Refused
from questions.models import (
    Answer,
    Invitation,
    InvitationState,
    Question,
    QuestionState,
)
from questions.working_days import default_wanted_by
from tests.questions.fakes import invite

pytestmark = pytest.mark.django_db


def test_asking_stores_a_sanitised_question_and_hands_it_to_the_router(people, ask, router):
    question = ask(body='<p onclick="x()">Hoe <b>doen</b> jullie dit?</p><script>alert(1)</script>')
    assert question.body == "<p>Hoe <b>doen</b> jullie dit?</p>"
    assert question.municipality.name == "Amersfoort"
    assert question.state == QuestionState.OPEN
    assert question.wanted_by == default_wanted_by()
    assert [t.slug for t in question.themes.all()] == ["inkomen-en-schulden"]
    assert router.routed == [question.pk]
    assert list(question.invitations.values_list("municipality__name", flat=True)) == ["Utrecht"]


def test_the_router_runs_only_after_the_commit(people, router):
    lifecycle.ask(people["asker (A)"], title="Vraag", body="<p>Tekst</p>")
    assert router.routed == []  # the test's transaction has not committed


@pytest.mark.parametrize("who", ["no membership", "anonymous"])
def test_only_members_ask(people, who):
    from django.contrib.auth.models import AnonymousUser

    user = people[who] or AnonymousUser()
    with pytest.raises(Refused):
        lifecycle.ask(user, title="Vraag", body="<p>Tekst</p>")
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": "<p> </p><script>tekst</script>"}, "body"),
        ({"visibility": "everyone"}, "visibility"),
        ({"wanted_by": datetime.date(2020, 1, 1)}, "wanted_by"),
        ({"themes": ["bestaat-niet"]}, "themes"),
        ({"decentralisaties": ["inkomen-en-schulden"]}, "decentralisaties"),  # a theme
    ],
)
def test_bad_input_is_refused_naming_the_field(people, fields, field):
    values = {"title": "Vraag", "body": "<p>Tekst</p>", **fields}
    with pytest.raises(Refused) as refused:
        lifecycle.ask(people["asker (A)"], **values)
    assert refused.value.field == field
    assert not Question.objects.exists()


def test_a_bsn_is_refused_even_when_confirmed(people):
    with pytest.raises(PrivacyRefused) as refused:
        lifecycle.ask(
            people["asker (A)"],
            title="Inwoner 123.456.782",
            body="<p>Tekst</p>",
            privacy_confirmed=True,
        )
    assert refused.value.field == "title"
    assert not refused.value.needs_confirmation
    assert refused.value.findings["title"][0].excerpt == "123.456.782"
    assert not Question.objects.exists()


def test_warnings_need_the_authors_confirmation(people):
    values = {"title": "Vraag", "body": "<p>Bel mij op 06-12345678.</p>"}
    with pytest.raises(PrivacyRefused) as refused:
        lifecycle.ask(people["asker (A)"], **values)
    assert refused.value.needs_confirmation
    assert [f.kind for f in refused.value.findings["body"]] == ["phone"]
    assert not Question.objects.exists()
    question = lifecycle.ask(people["asker (A)"], privacy_confirmed=True, **values)
    assert "06-12345678" in question.body


def test_the_broker_accepts_and_answers_then_the_asker_accepts_and_rates(people, ask):
    question = ask()
    invitation = question.invitations.get()
    broker = people["broker (B)"]

    lifecycle.accept_invitation(broker, invitation)
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED
    assert invitation.responded_at is not None

    answer = lifecycle.answer(broker, question, body="<p>Wij werken met een <i>convenant</i>.</p>")
    invitation.refresh_from_db()
    question.refresh_from_db()
    assert answer.municipality.name == "Utrecht"
    assert invitation.state == InvitationState.ANSWERED
    assert question.state == QuestionState.ANSWERED

    lifecycle.accept_answer(people["asker (A)"], answer)
    question.refresh_from_db()
    answer.refresh_from_db()
    assert answer.accepted
    assert question.state == QuestionState.RESOLVED
    assert question.resolved_at is not None

    lifecycle.rate(people["asker (A)"], answer, rating="helpful", comment="Heel bruikbaar.")
    answer.refresh_from_db()
    assert (answer.rating, answer.rating_comment) == ("helpful", "Heel bruikbaar.")


def test_answering_links_published_casusbladen(people, ask, make_case, utrecht):
    case = make_case(utrecht)
    question = ask()
    answer = lifecycle.answer(
        people["member (B)"], question, body="<p>Zie ons casusblad.</p>", linked_pages=[case.pk]
    )
    assert list(answer.linked_pages.all()) == [case.page_ptr]


def test_linking_something_else_is_refused(people, ask, utrecht):
    question = ask()
    from cases.models import HomePage

    with pytest.raises(Refused) as refused:
        lifecycle.answer(
            people["broker (B)"],
            question,
            body="<p>Zie</p>",
            linked_pages=[HomePage.objects.get().pk],
        )
    assert refused.value.field == "linked_pages"
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    "who", ["asker (A)", "colleague (A)", "member (C)", "no membership", "moderator"]
)
def test_only_invited_municipalities_answer(people, ask, who):
    question = ask()
    with pytest.raises(Refused):
        lifecycle.answer(people[who], question, body="<p>Antwoord</p>")
    assert not Answer.objects.exists()
    question.refresh_from_db()
    assert question.state == QuestionState.OPEN


def test_a_moderator_acting_for_a_municipality_may_answer(people, ask, zwolle):
    from municipalities.membership import set_membership

    moderator = people["moderator"]
    set_membership(moderator, zwolle)
    answer = lifecycle.answer(moderator, ask(), body="<p>Antwoord</p>")
    assert answer.municipality == zwolle


@pytest.mark.parametrize("who", ["member (B)", "asker (A)", "member (C)"])
def test_only_receivers_act_on_an_invitation(people, ask, who):
    invitation = ask().invitations.get()
    for action in (
        lambda: lifecycle.accept_invitation(people[who], invitation),
        lambda: lifecycle.decline_invitation(people[who], invitation, "Geen tijd"),
        lambda: lifecycle.pass_on(people[who], invitation, colleague=people["member (B)"]),
    ):
        with pytest.raises(Refused):
            action()
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.INVITED
    assert invitation.assignee is None


def test_without_a_broker_the_editors_receive(people, amersfoort, editor_a, utrecht, ask):
    from municipalities.models import Membership

    Membership.objects.filter(user=people["broker (B)"]).delete()
    from municipalities.membership import Role, set_membership

    set_membership(editor_a, utrecht, {Role.EDITOR})
    invitation = ask().invitations.get()
    lifecycle.accept_invitation(editor_a, invitation)
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED


def test_declining_needs_a_reason_and_ends_the_invitation(people, ask):
    invitation = ask().invitations.get()
    with pytest.raises(Refused) as refused:
        lifecycle.decline_invitation(people["broker (B)"], invitation, "  ")
    assert refused.value.field == "reason"
    lifecycle.decline_invitation(
        people["broker (B)"], invitation, "Wij hebben hier geen ervaring mee."
    )
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.DECLINED
    assert invitation.decline_reason == "Wij hebben hier geen ervaring mee."
    # Declined is final: no accepting, no answering afterwards.
    with pytest.raises(Refused):
        lifecycle.accept_invitation(people["broker (B)"], invitation)
    with pytest.raises(Refused):
        lifecycle.answer(people["broker (B)"], invitation.question, body="<p>Toch</p>")


def test_passing_on_to_a_colleague_lets_the_colleague_act(people, ask):
    invitation = ask().invitations.get()
    colleague = people["member (B)"]
    lifecycle.pass_on(people["broker (B)"], invitation, colleague=colleague)
    invitation.refresh_from_db()
    assert invitation.assignee == colleague
    assert invitation.state == InvitationState.INVITED
    lifecycle.accept_invitation(colleague, invitation)


def test_passing_on_to_someone_of_another_municipality_is_refused(people, ask):
    invitation = ask().invitations.get()
    with pytest.raises(Refused) as refused:
        lifecycle.pass_on(people["broker (B)"], invitation, colleague=people["member (C)"])
    assert refused.value.field == "colleague"
    invitation.refresh_from_db()
    assert invitation.assignee is None


def test_passing_on_to_another_municipality_invites_it(people, ask, zwolle):
    invitation = ask().invitations.get()
    passed = lifecycle.pass_on(people["broker (B)"], invitation, municipality=zwolle)
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PASSED_ON
    assert passed.municipality == zwolle
    assert passed.passed_on_from == invitation
    assert passed.due_on == invitation.due_on
    assert "Utrecht" in passed.reason_text
    # Zwolle's member may now answer; Utrecht's invitation is no longer pending.
    lifecycle.answer(people["member (C)"], invitation.question, body="<p>Antwoord</p>")
    with pytest.raises(Refused):
        lifecycle.accept_invitation(people["broker (B)"], invitation)


@pytest.mark.parametrize("target", ["asker", "already invited"])
def test_passing_on_to_the_asker_or_an_invited_municipality_is_refused(
    people, ask, amersfoort, utrecht, zwolle, target
):
    question = ask()
    invitation = question.invitations.get()
    if target == "asker":
        municipality = amersfoort
    else:
        invite(question, zwolle, rank=2)
        municipality = zwolle
    with pytest.raises(Refused):
        lifecycle.pass_on(people["broker (B)"], invitation, municipality=municipality)
    assert question.invitations.count() == (1 if target == "asker" else 2)
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.INVITED


def test_passing_on_needs_exactly_one_target(people, ask, zwolle):
    invitation = ask().invitations.get()
    with pytest.raises(Refused):
        lifecycle.pass_on(people["broker (B)"], invitation)
    with pytest.raises(Refused):
        lifecycle.pass_on(
            people["broker (B)"], invitation, colleague=people["member (B)"], municipality=zwolle
        )


def test_accepting_twice_is_refused(people, ask):
    invitation = ask().invitations.get()
    lifecycle.accept_invitation(people["broker (B)"], invitation)
    with pytest.raises(Refused):
        lifecycle.accept_invitation(people["broker (B)"], invitation)


@pytest.mark.parametrize("who", ["colleague (A)", "broker (B)", "moderator"])
def test_only_the_asker_accepts_and_rates(people, ask, who):
    question = ask()
    answer = lifecycle.answer(people["broker (B)"], question, body="<p>Antwoord</p>")
    with pytest.raises(Refused):
        lifecycle.accept_answer(people[who], answer)
    with pytest.raises(Refused):
        lifecycle.rate(people[who], answer, rating="helpful")
    answer.refresh_from_db()
    question.refresh_from_db()
    assert (answer.accepted, answer.rating, question.state) == (False, "", QuestionState.ANSWERED)


def test_a_second_accepted_answer_is_refused(people, ask):
    question = ask()
    first = lifecycle.answer(people["broker (B)"], question, body="<p>Een</p>")
    second = lifecycle.answer(people["member (B)"], question, body="<p>Twee</p>")
    lifecycle.accept_answer(people["asker (A)"], first)
    with pytest.raises(Refused):
        lifecycle.accept_answer(people["asker (A)"], second)
    assert list(Answer.objects.filter(accepted=True)) == [first]


def test_a_rating_must_be_one_of_the_choices(people, ask):
    question = ask()
    answer = lifecycle.answer(people["broker (B)"], question, body="<p>Een</p>")
    with pytest.raises(Refused) as refused:
        lifecycle.rate(people["asker (A)"], answer, rating="great")
    assert refused.value.field == "rating"


def test_closing_ends_answering_and_acting(people, ask):
    question = ask()
    with pytest.raises(Refused):
        lifecycle.close(people["broker (B)"], question)
    lifecycle.close(people["asker (A)"], question)
    question.refresh_from_db()
    assert question.state == QuestionState.CLOSED
    invitation = question.invitations.get()
    with pytest.raises(Refused):
        lifecycle.accept_invitation(people["broker (B)"], invitation)
    with pytest.raises(Refused):
        lifecycle.answer(people["broker (B)"], question, body="<p>Te laat</p>")
    with pytest.raises(Refused):
        lifecycle.close(people["asker (A)"], question)


def test_a_moderator_closes_any_open_question(people, ask):
    question = lifecycle.close(people["moderator"], ask())
    assert question.state == QuestionState.CLOSED


def test_a_bsn_in_an_answer_is_refused(people, ask):
    question = ask()
    with pytest.raises(PrivacyRefused):
        lifecycle.answer(
            people["broker (B)"], question, body="<p>BSN 123456782</p>", privacy_confirmed=True
        )
    assert not Answer.objects.exists()
    assert Invitation.objects.get().state == InvitationState.INVITED


def test_expired_questions_take_no_answers(people, ask):
    question = ask()
    Question.objects.filter(pk=question.pk).update(state=QuestionState.EXPIRED)
    with pytest.raises(Refused):
        lifecycle.answer(people["broker (B)"], question, body="<p>Antwoord</p>")
    assert not Answer.objects.exists()
