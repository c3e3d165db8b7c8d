"""An accepted answer becomes a draft les: who may, made once, prefilled, under review.

B's broker answers A's question and A accepts; the answer's author (B's broker) and
the moderators may turn it into a draft les under Utrecht's index; nobody else.
"""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cases.models import LessonPage
from questions import lifecycle
from questions.models import Answer, QuestionVisibility
from tests.questions.test_access import ROLES
from tests.questions.test_pages import client_for

pytestmark = pytest.mark.django_db

DRAFTERS = {"broker (B)", "moderator"}
ANSWER = (
    "<p>Wij bellen binnen een week na de <strong>eerste</strong> achterstand.</p>"
    '<p><a href="https://voorbeeld.nl/aanpak">Onze aanpak</a></p>'
)


@pytest.fixture
def accepted(people, ask) -> Answer:
    question = ask(visibility=QuestionVisibility.PUBLIC_WHEN_RESOLVED)
    answer = lifecycle.answer(people["broker (B)"], question, body=ANSWER)
    return lifecycle.accept_answer(people["asker (A)"], answer)


def _draft(people, role, answer):
    return client_for(people, role).post(reverse("questions:draft_lesson", args=[answer.pk]))


@pytest.mark.parametrize("role", ROLES)
def test_who_may_make_a_les_of_an_accepted_answer(people, accepted, role):
    response = _draft(people, role, accepted)
    accepted.refresh_from_db()
    assert response.status_code == 302
    if role in DRAFTERS:
        assert accepted.lesson is not None
    else:
        assert accepted.lesson is None
        assert response["Location"] == reverse("questions:detail", args=[accepted.question_id])
    assert LessonPage.objects.count() == (1 if role in DRAFTERS else 0)


@pytest.mark.parametrize("role", ROLES)
def test_the_button_is_shown_to_those_who_may(people, accepted, role):
    url = reverse("questions:detail", args=[accepted.question_id])
    html = client_for(people, role).get(url).content.decode()
    assert (reverse("questions:draft_lesson", args=[accepted.pk]) in html) == (role in DRAFTERS)


def test_an_answer_not_accepted_stays_an_answer(people, ask):
    answer = lifecycle.answer(people["broker (B)"], ask(), body=ANSWER)
    _draft(people, "moderator", answer)
    answer.refresh_from_db()
    assert answer.lesson is None
    assert not LessonPage.objects.exists()


def test_the_draft_is_prefilled_under_the_answering_municipality(people, accepted, utrecht):
    _draft(people, "broker (B)", accepted)
    lesson = Answer.objects.get(pk=accepted.pk).lesson
    question = accepted.question
    assert lesson.title == question.title
    assert lesson.municipality == utrecht
    assert lesson.get_parent().specific.municipality == utrecht
    assert "<strong>eerste</strong>" in lesson.body
    assert '<a href="https://voorbeeld.nl/aanpak">' in lesson.body
    assert lesson.summary.startswith("Wij bellen binnen een week")
    assert {t.slug for t in lesson.themes.all()} == {t.slug for t in question.themes.all()}
    assert lesson.owner == people["broker (B)"]


def test_the_draft_is_under_review_not_live(people, accepted):
    _draft(people, "broker (B)", accepted)
    lesson = Answer.objects.get(pk=accepted.pk).lesson
    assert not lesson.live
    assert not LessonPage.objects.live().exists()
    state = lesson.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == people["broker (B)"]
    assert lesson.get_latest_revision().user == people["broker (B)"]


def test_a_second_request_opens_the_same_draft(people, accepted):
    first = _draft(people, "moderator", accepted)
    lesson = Answer.objects.get(pk=accepted.pk).lesson
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    assert first["Location"] == edit
    again = _draft(people, "broker (B)", accepted)
    assert _draft(people, "moderator", accepted)["Location"] == edit
    assert LessonPage.objects.count() == 1
    assert lesson.workflow_states.count() == 1
    # The author without editing rights is told where the draft is, on the question page.
    assert again["Location"] == reverse("questions:detail", args=[accepted.question_id])
    html = client_for(people, "broker (B)").get(again["Location"]).content.decode()
    assert "Open de concept-les" in html


def test_a_deleted_draft_can_be_made_again(people, accepted):
    _draft(people, "moderator", accepted)
    Answer.objects.get(pk=accepted.pk).lesson.delete()
    _draft(people, "moderator", accepted)
    assert Answer.objects.get(pk=accepted.pk).lesson is not None
    assert LessonPage.objects.count() == 1
