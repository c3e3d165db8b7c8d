"""questions.access: who reads a question, per visibility and state, in one query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questions import access, lifecycle
from questions.models import Question, QuestionState, QuestionVisibility

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "asker (A)",
    "colleague (A)",
    "broker (B)",
    "member (B)",
    "member (C)",
    "no membership",
    "moderator",
]
INVOLVED = {"asker (A)", "colleague (A)", "broker (B)", "member (B)", "moderator"}
MEMBERS = INVOLVED | {"member (C)"}
EVERYONE = set(ROLES)

# (visibility, resolved?) -> who reads it
READERS = {
    (QuestionVisibility.INVOLVED, False): INVOLVED,
    (QuestionVisibility.INVOLVED, True): INVOLVED,
    (QuestionVisibility.MEMBERS, False): MEMBERS,
    (QuestionVisibility.MEMBERS, True): MEMBERS,
    (QuestionVisibility.PUBLIC_WHEN_RESOLVED, False): MEMBERS,
    (QuestionVisibility.PUBLIC_WHEN_RESOLVED, True): EVERYONE,
}


def user(people, role):
    return people[role] or AnonymousUser()


def resolve(people, question):
    answer = lifecycle.answer(people["broker (B)"], question, body="<p>Antwoord</p>")
    lifecycle.accept_answer(people["asker (A)"], answer)


@pytest.mark.parametrize(("visibility", "resolved"), list(READERS))
def test_who_reads_a_question(people, ask, visibility, resolved):
    question = ask(visibility=visibility)
    if resolved:
        resolve(people, question)
    readers = {role for role in ROLES if access.can_view(user(people, role), question)}
    assert readers == READERS[(visibility, resolved)]
    for role in ROLES:
        listed = access.visible_questions(user(people, role)).filter(pk=question.pk).exists()
        assert listed == (role in readers), role


def test_a_municipality_a_question_was_passed_on_to_reads_it(people, ask, zwolle):
    question = ask()
    lifecycle.pass_on(people["broker (B)"], question.invitations.get(), municipality=zwolle)
    assert access.can_view(people["member (C)"], question)
    assert access.can_view(people["member (B)"], question)  # Utrecht keeps reading


@pytest.mark.parametrize("role", ROLES)
def test_visible_questions_is_one_query(people, ask, role):
    for visibility in QuestionVisibility.values:
        ask(visibility=visibility)
    reader = user(people, role)
    access.is_moderator(reader)  # remembered on the user, as within a request
    with CaptureQueriesContext(connection) as queries:
        list(access.visible_questions(reader))
    assert len(queries) == 1


def test_a_resolved_public_question_is_listed_without_duplicates(people, ask, zwolle):
    question = ask(visibility=QuestionVisibility.PUBLIC_WHEN_RESOLVED)
    lifecycle.pass_on(people["broker (B)"], question.invitations.get(), municipality=zwolle)
    assert list(access.visible_questions(people["member (B)"])) == [question]


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("broker (B)", True),
        ("member (B)", True),
        ("moderator", False),  # acts for no municipality, so cannot answer for one
        ("asker (A)", False),
        ("colleague (A)", False),
        ("member (C)", False),
        ("no membership", False),
        ("anonymous", False),
    ],
)
def test_who_answers(people, ask, role, may):
    assert access.can_answer(user(people, role), ask()) is may


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("broker (B)", True),
        ("member (B)", False),
        ("moderator", True),
        ("asker (A)", False),
        ("member (C)", False),
        ("anonymous", False),
    ],
)
def test_who_acts_on_an_invitation_and_sees_it_in_the_inbox(people, ask, role, may):
    invitation = ask().invitations.get()
    assert access.can_act_on(user(people, role), invitation) is may
    if role != "moderator":
        assert (invitation in access.inbox(user(people, role))) is may


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("asker (A)", True),
        ("colleague (A)", True),
        ("moderator", True),
        ("broker (B)", False),
        ("member (C)", False),
        ("anonymous", False),
    ],
)
def test_who_sees_the_invitations_and_their_reasons(people, ask, role, may):
    assert access.can_see_invitations(user(people, role), ask()) is may


def test_only_members_may_ask(people):
    assert access.can_ask(people["asker (A)"])
    assert not access.can_ask(people["no membership"])
    assert not access.can_ask(people["moderator"])
    assert not access.can_ask(AnonymousUser())


def test_an_inactive_member_sees_nothing(people, ask):
    question = ask(visibility=QuestionVisibility.MEMBERS)
    colleague = people["colleague (A)"]
    colleague.is_active = False
    colleague.save()
    assert not access.can_view(colleague, question)
    assert Question.objects.get().state == QuestionState.OPEN
