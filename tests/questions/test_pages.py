"""The question pages as each role meets them: a permission matrix over pages and actions.

Roles: anonymous; a member of the asking municipality A; the broker of invited B (and
a plain member of B); a member of uninvited C; a logged-in user without a
municipality; a moderator. Every page and action, for every visibility.
"""

import pytest
from django.test import Client
from django.urls import reverse

from questions import lifecycle
from questions.models import Answer, InvitationState, QuestionState, QuestionVisibility
from tests.questions.fakes import REASON
from tests.questions.test_access import READERS, ROLES

pytestmark = pytest.mark.django_db

MEMBERS = {"asker (A)", "colleague (A)", "broker (B)", "member (B)", "member (C)"}


def client_for(people, role) -> Client:
    client = Client()
    if people[role] is not None:
        client.force_login(people[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["questions:ask", "questions:mine", "questions:inbox"])
def test_the_member_pages(people, role, name):
    response = client_for(people, role).get(reverse(name))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailcore_login"))
    elif role in MEMBERS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "namens een gemeente" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("visibility", "resolved"), list(READERS))
def test_the_question_page(people, ask, role, visibility, resolved):
    question = ask(visibility=visibility)
    if resolved:
        answer = lifecycle.answer(people["broker (B)"], question, body="<p>Zo doen wij het.</p>")
        lifecycle.accept_answer(people["asker (A)"], answer)
    response = client_for(people, role).get(reverse("questions:detail", args=[question.pk]))
    if role not in READERS[(visibility, resolved)]:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert question.title in html
    # Routing reasons: the asking municipality and the moderators only.
    assert (REASON in html) == (role in {"asker (A)", "colleague (A)", "moderator"})
    # The answer form: members of the invited municipality, while the question is open.
    answering = role in {"broker (B)", "member (B)"} and not resolved
    assert ('name="antwoord"' in html) == answering
    if resolved:
        assert "Zo doen wij het." in html


def test_the_inbox_lists_the_invitation_for_the_broker_only(people, ask):
    question = ask()
    for role in ["broker (B)", "member (B)", "asker (A)", "member (C)"]:
        html = client_for(people, role).get(reverse("questions:inbox")).content.decode()
        assert (question.title in html) == (role == "broker (B)"), role


def test_the_inbox_marks_overdue_invitations(people, ask):
    import datetime

    invitation = ask().invitations.get()
    invitation.due_on = datetime.date(2020, 1, 6)
    invitation.save()
    html = client_for(people, "broker (B)").get(reverse("questions:inbox")).content.decode()
    assert "Te laat" in html


@pytest.mark.parametrize("role", ROLES)
def test_accepting_an_invitation(people, ask, role):
    invitation = ask().invitations.get()
    response = client_for(people, role).post(
        reverse("questions:accept_invitation", args=[invitation.pk])
    )
    invitation.refresh_from_db()
    if role in {"broker (B)", "moderator"}:
        assert response.status_code == 302
        assert invitation.state == InvitationState.ACCEPTED
    else:
        assert response.status_code == 404
        assert invitation.state == InvitationState.INVITED


@pytest.mark.parametrize("role", ROLES)
def test_declining_an_invitation(people, ask, role):
    invitation = ask().invitations.get()
    url = reverse("questions:decline_invitation", args=[invitation.pk])
    client = client_for(people, role)
    page = client.get(url)
    response = client.post(url, {"reden": "Geen ervaring met dit onderwerp."})
    invitation.refresh_from_db()
    if role in {"broker (B)", "moderator"}:
        assert page.status_code == 200
        assert response.status_code == 302
        assert invitation.state == InvitationState.DECLINED
    else:
        assert page.status_code == response.status_code == 404
        assert invitation.state == InvitationState.INVITED


def test_declining_without_a_reason_shows_the_error(people, ask):
    invitation = ask().invitations.get()
    response = client_for(people, "broker (B)").post(
        reverse("questions:decline_invitation", args=[invitation.pk]), {"reden": ""}
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_passing_on_an_invitation(people, ask, role, zwolle):
    invitation = ask().invitations.get()
    url = reverse("questions:pass_on", args=[invitation.pk])
    response = client_for(people, role).post(url, {"gemeente": zwolle.cbs_code})
    invitation.refresh_from_db()
    if role in {"broker (B)", "moderator"}:
        assert response.status_code == 302
        assert invitation.state == InvitationState.PASSED_ON
        assert invitation.passed_on_to.get().municipality == zwolle
    else:
        assert response.status_code == 404
        assert invitation.state == InvitationState.INVITED


def test_passing_on_to_a_colleague(people, ask):
    invitation = ask().invitations.get()
    client = client_for(people, "broker (B)")
    url = reverse("questions:pass_on", args=[invitation.pk])
    assert "lid-utrecht" in client.get(url).content.decode()
    response = client.post(url, {"collega": people["member (B)"].pk})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.assignee == people["member (B)"]
    html = client_for(people, "member (B)").get(reverse("questions:inbox")).content.decode()
    assert invitation.question.title in html


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("visibility", QuestionVisibility.values)
def test_answering(people, ask, role, visibility):
    question = ask(visibility=visibility)
    response = client_for(people, role).post(
        reverse("questions:answer", args=[question.pk]),
        {"antwoord": "Wij werken met een convenant."},
    )
    question.refresh_from_db()
    if role in {"broker (B)", "member (B)"}:
        assert response.status_code == 302
        assert question.state == QuestionState.ANSWERED
        assert Answer.objects.get().body == "<p>Wij werken met een convenant.</p>"
    else:
        assert response.status_code == 404
        assert not Answer.objects.exists()


def test_an_answer_with_a_phone_number_needs_confirmation(people, ask):
    question = ask()
    client = client_for(people, "broker (B)")
    url = reverse("questions:answer", args=[question.pk])
    response = client.post(url, {"antwoord": "Bel mij: 06-12345678."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "06-12345678" in html
    assert 'name="gecontroleerd"' in html
    assert not Answer.objects.exists()
    response = client.post(url, {"antwoord": "Bel mij: 06-12345678.", "gecontroleerd": "on"})
    assert response.status_code == 302
    assert Answer.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_accepting_and_rating_an_answer(people, ask, role):
    question = ask(visibility=QuestionVisibility.MEMBERS)
    answer = lifecycle.answer(people["broker (B)"], question, body="<p>Antwoord</p>")
    client = client_for(people, role)
    client.post(reverse("questions:accept_answer", args=[answer.pk]))
    response = client.post(
        reverse("questions:rate", args=[answer.pk]),
        {
            f"beoordeling-{answer.pk}-beoordeling": "helpful",
            f"beoordeling-{answer.pk}-opmerking": "Dank",
        },
    )
    answer.refresh_from_db()
    question.refresh_from_db()
    if role == "asker (A)":
        assert (answer.accepted, answer.rating, question.state) == (
            True,
            "helpful",
            QuestionState.RESOLVED,
        )
    else:
        assert response.status_code == 404
        assert (answer.accepted, answer.rating, question.state) == (
            False,
            "",
            QuestionState.ANSWERED,
        )


@pytest.mark.parametrize("role", ROLES)
def test_closing(people, ask, role):
    question = ask()
    response = client_for(people, role).post(reverse("questions:close", args=[question.pk]))
    question.refresh_from_db()
    if role in {"asker (A)", "moderator"}:
        assert question.state == QuestionState.CLOSED
    else:
        assert question.state == QuestionState.OPEN
        assert response.status_code in (302, 404)


def test_the_ask_form_is_prefilled_from_the_query(people):
    response = client_for(people, "asker (A)").get(
        reverse("questions:ask") + "?titel=Schulden+vroeg+zien"
    )
    assert 'value="Schulden vroeg zien"' in response.content.decode()


def test_asking_through_the_form(people, router, utrecht, django_capture_on_commit_callbacks):
    router.targets = [utrecht]
    client = client_for(people, "asker (A)")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("questions:ask"),
            {
                "titel": "Hoe zien jullie schulden vroeg?",
                "vraag": "Eerste alinea.\n\nTweede <b>alinea</b>.",
                "themas": ["inkomen-en-schulden"],
                "gewenst_voor": "2099-01-02",
                "zichtbaarheid": "members",
            },
        )
    assert response.status_code == 302
    question = people["asker (A)"].questions_asked.get()
    assert response["Location"] == reverse("questions:detail", args=[question.pk])
    assert question.body == "<p>Eerste alinea.</p>\n<p>Tweede &lt;b&gt;alinea&lt;/b&gt;.</p>"
    assert question.visibility == "members"
    assert question.invitations.get().municipality == utrecht


def test_a_bsn_in_the_form_is_refused_pointing_at_it(people):
    response = client_for(people, "asker (A)").post(
        reverse("questions:ask"),
        {
            "titel": "Vraag over een inwoner",
            "vraag": "Het gaat om BSN 123.456.782 en zijn schulden.",
            "gewenst_voor": "2099-01-02",
            "zichtbaarheid": "involved",
            "gecontroleerd": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "burgerservicenummer" in html
    assert "123.456.782" in html
    assert not people["asker (A)"].questions_asked.exists()


def test_the_live_panel(people, router, utrecht):
    router.targets = [utrecht]
    response = client_for(people, "asker (A)").post(
        reverse("questions:panel"),
        {"titel": "Schulden vroeg zien", "vraag": "Bel 06-12345678 over vroegsignalering."},
    )
    assert response.status_code == 200
    data = response.json()
    assert [f["kind"] for f in data["findings"]["vraag"]] == ["phone"]
    assert data["receivers"][0]["municipality"] == "Utrecht"
    assert REASON in data["html"]


@pytest.mark.parametrize("role", ["anonymous", "no membership"])
def test_the_live_panel_is_for_members(people, role):
    response = client_for(people, role).post(reverse("questions:panel"), {"titel": "Schulden"})
    assert response.status_code in (302, 403)


def test_the_header_links_questions_for_members_only(people):
    questions_url = reverse("questions:mine")
    member = (
        client_for(people, "member (C)").get(reverse("municipality_directory")).content.decode()
    )
    outsider = (
        client_for(people, "no membership").get(reverse("municipality_directory")).content.decode()
    )
    assert f'href="{questions_url}"' in member
    assert f'href="{questions_url}"' not in outsider
