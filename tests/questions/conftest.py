"""People and questions for the question-flow tests: A asks, B is invited, C is not.

A is Amersfoort, B is Utrecht (its knowledge broker receives the invitation), C is
Zwolle. The router is replaced where the pages and the lifecycle call it
(tests.questions.fakes).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from municipalities.membership import Role, set_membership
from municipalities.models import Municipality
from questions import lifecycle
from questions.models import Question, QuestionVisibility
from tests.questions.fakes import FakeRouter, install


@pytest.fixture(autouse=True)
def router(monkeypatch) -> FakeRouter:
    return install(monkeypatch)


def _person(username: str, municipality: Municipality | None, roles=()) -> User:
    user = User.objects.create_user(username, f"{username}@voorbeeld.nl", "geheim-wachtwoord")
    if municipality is not None:
        set_membership(user, municipality, set(roles))
    return user


@pytest.fixture
def zwolle(municipalities) -> Municipality:
    return Municipality.objects.get(cbs_code="GM0193")


@pytest.fixture
def schulden(municipalities, make_case, make_lesson):
    """Pekela with two public pages on debt, Amsterdam with one members-only page."""
    from municipalities.models import Municipality

    pekela = Municipality.objects.get(cbs_code="GM0765")
    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    case = make_case(pekela, title="Geldzorgen in Oost-Groningen", themes=["inkomen-en-schulden"])
    make_lesson(pekela, title="Vroegsignalering schulden in een dorp", cases=[case])
    make_case(amsterdam, title="Betalingsachterstanden vroeg in beeld", members_only=True)
    return pekela, amsterdam


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
