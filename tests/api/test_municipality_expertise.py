"""/api/v1/municipalities/{code}: expertise; and /gemeenten, the deprecated former name."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from cases.models import Term, Vocabulary
from questions.models import Answer, ExpertiseProfile, Invitation, InvitationState, Question


def _theme(slug: str) -> Term:
    return Term.objects.get(vocabulary=Vocabulary.THEME, slug=slug)


def _invitation(asker, asking, invited, state, hours_to_answer=None) -> Invitation:
    question = Question.objects.create(
        asker=asker, municipality=asking, title="Hoe doen jullie dat?", body="<p>Vraag</p>"
    )
    invitation = Invitation.objects.create(
        question=question,
        municipality=invited,
        rank=1,
        score=1.0,
        reasons=[],
        reason_text="",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        state=state,
    )
    if hours_to_answer is not None:
        answer = Answer.objects.create(
            question=question, author=asker, municipality=invited, body="<p>Zo.</p>"
        )
        moment = invitation.created_at + datetime.timedelta(hours=hours_to_answer)
        Answer.objects.filter(pk=answer.pk).update(created_at=moment)
    return invitation


@pytest.mark.django_db
def test_detail_carries_the_expertise_the_router_weighs(
    api_client, utrecht, amersfoort, make_case, make_lesson, partner_token
):
    profile = ExpertiseProfile.objects.create(municipality=utrecht, capacity_per_week=5)
    profile.declared_themes.set([_theme("jeugdhulp"), _theme("inkomen-en-schulden")])
    make_case(utrecht, themes=["inkomen-en-schulden", "jeugdhulp"])
    make_case(utrecht, themes=["inkomen-en-schulden"], title="Tweede", members_only=True)
    make_lesson(utrecht, themes=["inkomen-en-schulden"])
    asker = User.objects.create_user("vrager")
    _invitation(asker, amersfoort, utrecht, InvitationState.ANSWERED, hours_to_answer=4)
    _invitation(asker, amersfoort, utrecht, InvitationState.ANSWERED, hours_to_answer=10)
    _invitation(asker, amersfoort, utrecht, InvitationState.ACCEPTED)
    _invitation(asker, amersfoort, utrecht, InvitationState.DECLINED)
    _invitation(asker, amersfoort, utrecht, InvitationState.INVITED)  # still waiting

    expertise = api_client.get("/api/v1/municipalities/GM0344").json()["expertise"]
    assert expertise["declaredThemes"] == [
        {"slug": "inkomen-en-schulden", "label": "Inkomen en schulden"},
        {"slug": "jeugdhulp", "label": "Jeugdhulp"},
    ]
    # Anonymous: the members-only casusblad is not counted.
    assert expertise["evidence"] == [
        {"slug": "inkomen-en-schulden", "label": "Inkomen en schulden", "pages": 2},
        {"slug": "jeugdhulp", "label": "Jeugdhulp", "pages": 1},
    ]
    assert expertise["capacityPerWeek"] == 5
    assert expertise["responsiveness"] == {
        "invitationsDecided": 4,
        "shareAccepted": 0.75,
        "medianHoursToFirstAnswer": pytest.approx(7.0, abs=0.01),
    }
    _token, secret = partner_token
    as_partner = api_client.get(
        "/api/v1/municipalities/GM0344", HTTP_AUTHORIZATION=f"Bearer {secret}"
    ).json()
    assert as_partner["expertise"]["evidence"][0]["pages"] == 3


@pytest.mark.django_db
def test_a_municipality_without_profile_or_history(api_client, amersfoort):
    from questions.models import DEFAULT_CAPACITY

    expertise = api_client.get("/api/v1/municipalities/GM0307").json()["expertise"]
    assert expertise == {
        "declaredThemes": [],
        "evidence": [],
        "capacityPerWeek": DEFAULT_CAPACITY,
        "responsiveness": {
            "invitationsDecided": 0,
            "shareAccepted": None,
            "medianHoursToFirstAnswer": None,
        },
    }


@pytest.mark.django_db
def test_the_former_dutch_address_still_answers_the_same(api_client, utrecht):
    former = api_client.get("/api/v1/gemeenten", {"q": "utrecht"})
    current = api_client.get("/api/v1/municipalities", {"q": "utrecht"})
    assert former.status_code == current.status_code == 200
    # The first release's page shape: items under _embedded.gemeenten.
    assert former.json()["_embedded"]["gemeenten"] == current.json()["_embedded"]["municipalities"]
    assert former.json()["_links"]["self"]["href"].startswith("http://testserver/api/v1/gemeenten")
    detail = api_client.get("/api/v1/gemeenten/GM0344").json()
    assert detail == api_client.get("/api/v1/municipalities/GM0344").json()
    # The record's own address is the English one.
    assert detail["_links"]["self"]["href"] == "http://testserver/api/v1/municipalities/GM0344"


@pytest.mark.django_db
def test_the_document_marks_only_the_former_address_deprecated(api_client):
    paths = api_client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/gemeenten", "/gemeenten/{code}"):
        assert paths[path]["get"]["deprecated"] is True
    for path in ("/municipalities", "/municipalities/{code}", "/cases", "/lessons"):
        assert "deprecated" not in paths[path]["get"]
    operation_ids = [op["operationId"] for ops in paths.values() for op in ops.values()]
    assert len(operation_ids) == len(set(operation_ids))
