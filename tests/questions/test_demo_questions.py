"""demo_questions: the demo broker of Utrecht finds questions in the inbox; a rerun adds none."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from municipalities.membership import Role, set_membership
from questions import access, invitations
from questions.management.commands import demo_questions
from questions.models import Question
from tests.questions.fakes import FakeCandidate

pytestmark = pytest.mark.django_db


def test_demo_questions_fill_the_brokers_inbox_once(settings, amersfoort, utrecht, monkeypatch):
    settings.DEBUG = True
    asker = User.objects.create_user("lid")
    set_membership(asker, amersfoort)
    broker = User.objects.create_user("makelaar-utrecht")
    set_membership(broker, utrecht, {Role.KNOWLEDGE_BROKER})
    # The command's own route (questions.invitations.invite) runs; only the router's
    # evidence-based ranking is stood in, so a broken import or call shows here.
    peer = FakeCandidate(utrecht.cbs_code, utrecht.name, 1.0, (), "Utrecht schreef erover.")
    monkeypatch.setattr(invitations, "preview", lambda request, **kwargs: [peer])

    out = io.StringIO()
    call_command("demo_questions", stdout=out)
    call_command("demo_questions", stdout=out)

    assert Question.objects.count() == len(demo_questions.QUESTIONS)
    assert {q.municipality for q in Question.objects.all()} == {amersfoort}
    assert access.waiting(broker).count() == len(demo_questions.QUESTIONS)
    assert "Utrecht" in out.getvalue()


def test_demo_questions_refuse_without_debug(settings, db):
    settings.DEBUG = False
    with pytest.raises(Exception, match="DEBUG"):
        call_command("demo_questions")
