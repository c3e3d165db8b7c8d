"""People and questions for the question-flow tests: A asks, B is invited, C is not.

A is Amersfoort, B is Utrecht (its knowledge broker receives the invitation), C is
Zwolle. The router (questions.routing, another branch) is replaced where the
question is handed to it (``lifecycle._enqueue_routing``) by ``FakeRouter``, which
invites the municipalities a test names, the way the router's ``invite`` records
an invitation; everything after that is the real code.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from municipalities.membership import Role, set_membership
from municipalities.models import Municipality
from questions import lifecycle
from questions.models import Invitation, Question, QuestionVisibility
from questions.working_days import add_working_days


def invite(question: Question, municipality: Municipality, *, rank: int = 1) -> Invitation:
    """An invitation as the router writes one: rank, score, reasons and a due date."""
    text = f"{municipality.name}: 2 casusbladen over vroegsignalering van schulden"
    return Invitation.objects.create(
        question=question,
        municipality=municipality,
        rank=rank,
        score=1.0 / rank,
        reasons=[{"kind": "documents", "text": text, "data": {"pages": []}}],
        reason_text=text,
        due_on=add_working_days(timezone.localdate(), 5),
    )


class FakeRouter:
    """Stands in for questions.tasks.route_question: invites ``targets`` after the commit."""

    def __init__(self) -> None:
        self.targets: list[Municipality] = []
        self.routed: list[int] = []

    def __call__(self, question_id: int) -> None:
        self.routed.append(question_id)
        question = Question.objects.get(pk=question_id)
        for rank, municipality in enumerate(self.targets, start=1):
            invite(question, municipality, rank=rank)


@pytest.fixture(autouse=True)
def router(monkeypatch) -> FakeRouter:
    fake = FakeRouter()
    monkeypatch.setattr(lifecycle, "_enqueue_routing", fake)
    return fake


def _person(username: str, municipality: Municipality | None, roles=()) -> User:
    user = User.objects.create_user(username, f"{username}@voorbeeld.nl", "geheim-wachtwoord")
    if municipality is not None:
        set_membership(user, municipality, set(roles))
    return user


@pytest.fixture
def zwolle(municipalities) -> Municipality:
    return Municipality.objects.get(cbs_code="GM0193")


@pytest.fixture
def people(setup_editors, amersfoort, utrecht, zwolle, moderator) -> dict[str, User]:
    """One user per role of the permission matrix (and two more the flow needs)."""
    return {
        "anonymous": None,
        "asker (A)": _person("vrager-amersfoort", amersfoort),
        "colleague (A)": _person("collega-amersfoort", amersfoort),
        "broker (B)": _person("makelaar-utrecht", utrecht, {Role.KNOWLEDGE_BROKER}),
        "member (B)": _person("lid-utrecht", utrecht),
        "member (C)": _person("lid-zwolle", zwolle),
        "no membership": _person("los-account", None),
        "moderator": moderator,
    }


@pytest.fixture
def ask(people, router, utrecht, django_capture_on_commit_callbacks):
    """Ask as A's member and route to B (Utrecht); returns the question."""

    def make(visibility: str = QuestionVisibility.INVOLVED, **fields) -> Question:
        router.targets = [utrecht]
        values = {
            "title": "Hoe signaleren jullie schulden vroeg?",
            "body": "<p>Wij willen samen met woningcorporaties eerder in beeld hebben wie "
            "betalingsachterstanden heeft.</p>",
            "themes": ["inkomen-en-schulden"],
            **fields,
        }
        with django_capture_on_commit_callbacks(execute=True):
            question = lifecycle.ask(people["asker (A)"], visibility=visibility, **values)
        return question

    return make
