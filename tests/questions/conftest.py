"""People and questions for the question-flow tests: A asks, B is invited, C is not.

A is Amersfoort, B is Utrecht (its knowledge broker receives the invitation), C is
Zwolle. The router is replaced where the pages and the lifecycle call it
(tests.questions.fakes).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from municipalities.membership import Role
from municipalities.models import Municipality
from questions import lifecycle
from questions.models import Question, QuestionVisibility
from tests.page_fixtures import person
from tests.questions.fakes import FakeRouter, install, route_for_real


@pytest.fixture(autouse=True)
def router(monkeypatch) -> FakeRouter:
    return install(monkeypatch)


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
        "asker (A)": person("vrager-amersfoort", amersfoort),
        "colleague (A)": person("collega-amersfoort", amersfoort),
        "broker (B)": person("makelaar-utrecht", utrecht, {Role.KNOWLEDGE_BROKER}),
        "member (B)": person("lid-utrecht", utrecht),
        "member (C)": person("lid-zwolle", zwolle),
        "no membership": person("los-account", None),
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


@pytest.fixture
def deventer(municipalities) -> Municipality:
    return Municipality.objects.get(cbs_code="GM0150")


@pytest.fixture
def brokers(people, zwolle, deventer) -> dict[str, User]:
    """A knowledge broker for C (Zwolle) and D (Deventer) beside B's (Utrecht)."""
    made = {"broker (B)": people["broker (B)"]}
    for role, municipality in (("broker (C)", zwolle), ("broker (D)", deventer)):
        made[role] = person(
            f"makelaar-{municipality.name.lower()}", municipality, {Role.KNOWLEDGE_BROKER}
        )
    return made


@pytest.fixture
def routed(people, brokers, utrecht, zwolle, deventer, monkeypatch, settings, ask):
    """Ask as A; the real router puts it to one peer at a time: B, then C, then D."""
    settings.QUESTION_INVITATIONS = 1
    route_for_real(monkeypatch, [utrecht, zwolle, deventer])
    return ask
