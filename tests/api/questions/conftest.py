"""The question flow through the API: A (Amersfoort) asks, B (Utrecht) and D (Amsterdam)
are invited, C (Zwolle) is not; partner tokens of A read, or read and write.

The people and the stand-in router come from the question-flow tests
(tests/questions/conftest.py); the router's preview is the real one where a test
asks for ``demo_index``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client

from api.models import Scope
from municipalities.membership import set_membership
from municipalities.models import Municipality
from questions import lifecycle
from questions.models import Answer, Invitation, Question, QuestionVisibility
from tests.api.conftest import make_token
from tests.questions import conftest as question_flow
from tests.questions.fakes import FakeCandidate

# The question-flow tests' people (one per role) and stand-in router (autouse).
people = question_flow.people
router = question_flow.router
zwolle = question_flow.zwolle
schulden = question_flow.schulden

READ = [Scope.QUESTIONS_READ.value]
WRITE = [Scope.QUESTIONS_READ.value, Scope.QUESTIONS_WRITE.value]


@pytest.fixture
def amsterdam(municipalities) -> Municipality:
    return Municipality.objects.get(cbs_code="GM0363")


@pytest.fixture
def answerer(amsterdam) -> User:
    """A member of D, the second invited municipality, who writes the answer."""
    user = User.objects.create_user("lid-amsterdam", "lid@amsterdam.example.nl", "x")
    set_membership(user, amsterdam)
    return user


@pytest.fixture
def tokens(amersfoort) -> dict[str, str]:
    """Bearer headers of A's two partner systems: read only, and read and write."""
    return {
        "token A read": "Bearer " + make_token(amersfoort, "Portaal Amersfoort", READ)[1],
        "token A write": "Bearer " + make_token(amersfoort, "Zaaksysteem Amersfoort", WRITE)[1],
    }


@pytest.fixture
def caller(people, tokens):
    """A test client acting as ``role``: logged in as the person, or sending the token."""

    def client_for(role: str, **client_options) -> Client:
        client = Client(raise_request_exception=False, **client_options)
        if role in tokens:
            client.defaults["HTTP_AUTHORIZATION"] = tokens[role]
        elif people.get(role) is not None:
            client.force_login(people[role])
        return client

    return client_for


@dataclass
class Scenario:
    question: Question
    invitation: Invitation  # B's
    answer: Answer | None  # D's


@pytest.fixture
def asked(people, router, utrecht, amsterdam, answerer, django_capture_on_commit_callbacks):
    """A's question, routed to B and D; ``answered``: D answered; ``resolved``: accepted."""

    def make(visibility=QuestionVisibility.INVOLVED, *, answered=True, resolved=False):
        router.targets = [utrecht, amsterdam]
        with django_capture_on_commit_callbacks(execute=True):
            question = lifecycle.ask(
                people["asker (A)"],
                title="Hoe signaleren jullie schulden vroeg?",
                body="<p>Wij willen met woningcorporaties eerder achterstanden zien.</p>",
                themes=["inkomen-en-schulden"],
                visibility=visibility,
            )
        answer = None
        if answered or resolved:
            answer = lifecycle.answer(answerer, question, body="<p>Zo doen wij het.</p>")
        if resolved:
            lifecycle.accept_answer(people["asker (A)"], answer)
        return Scenario(
            question, Invitation.objects.get(question=question, municipality=utrecht), answer
        )

    return make


@pytest.fixture
def fake_preview(monkeypatch, utrecht):
    """The router's preview answering Utrecht, for tests about access rather than routing."""
    candidate = FakeCandidate(utrecht.cbs_code, utrecht.name, 1.0, (), "Utrecht: 2 casusbladen")
    monkeypatch.setattr("api.questions_routing.preview", lambda *args, **kwargs: [candidate])
