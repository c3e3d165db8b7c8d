"""The "heeft het geholpen?" page in Chromium: axe, then the reply on the question page."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from municipalities.membership import Role
from questions.models import Answer, Question, QuestionState
from tests.browser.test_partner_chooser import log_in
from tests.browser.test_questions_flow import check, person
from tests.questions.fakes import invite

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def resolved(setup_editors, amersfoort, utrecht) -> Question:
    asker = person("vrager-amersfoort", amersfoort)
    broker = person("makelaar-utrecht", utrecht, {Role.KNOWLEDGE_BROKER})
    question = Question.objects.create(
        asker=asker,
        municipality=amersfoort,
        title="Hoe signaleren jullie schulden vroeg?",
        body="<p>Wij willen eerder in beeld hebben wie betalingsachterstanden heeft.</p>",
        state=QuestionState.RESOLVED,
        resolved_at=timezone.now(),
    )
    invite(question, utrecht)
    Answer.objects.create(
        question=question,
        author=broker,
        municipality=utrecht,
        body="<p>Wij bellen na de tweede gemiste huurbetaling.</p>",
        accepted=True,
    )
    return question


def test_the_asker_says_it_helped_and_the_question_page_shows_it(
    resolved, live_server, browser, page: Page
):
    log_in(page, live_server, resolved.asker)
    page.goto(live_server.url + reverse("questions:helped", args=[resolved.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Heeft het geholpen?")
    check(page, "did-it-help")

    page.get_by_label("Ja, het heeft geholpen").check()
    page.get_by_label("Wat hebt u ermee gedaan?").fill("Achterstanden daalden met een derde.")
    page.get_by_role("button", name="Reactie versturen").click()

    page.wait_for_url(f"**{reverse('questions:detail', args=[resolved.pk])}")
    expect(page.get_by_text("In de praktijk, zegt de vrager: het heeft geholpen.")).to_be_visible()
    answer = resolved.answers.get()
    assert (answer.helped, answer.helped_comment) == (True, "Achterstanden daalden met een derde.")
