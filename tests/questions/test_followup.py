"""The follow-up loop on a fake clock: reminders, expiry, re-routing, feedback to everyone.

The clock is the sweep's ``now`` (questions.followup.sweep); the router is the real
invite() over a fake preview (tests.questions.fakes.route_for_real), so re-routing
runs the code the worker runs. Every sweep below is run twice: the second must send
nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from questions import lifecycle
from questions.followup import reminder_due, sweep
from questions.models import (
    FollowUp,
    FollowUpKind,
    Invitation,
    InvitationState,
    QuestionState,
    Rating,
)
from questions.working_days import add_working_days
from tests.mail_fixtures import body_of, subject_of

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """The fake clock: ``day`` at ``hour`` o'clock, local time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def sweep_twice(now: datetime.datetime):
    first = sweep(now)
    again = sweep(now)
    assert again == type(again)(), f"a second sweep at {now} did something: {again}"
    return first


def heard(*users: User) -> Counter:
    """(user, kind) -> how many notifications; the loop tells everyone once."""
    rows = Notification.objects.filter(user__in=users).values_list("user__username", "kind")
    return Counter(rows)


def test_reminders_come_two_working_days_before_and_on_the_due_date():
    due = datetime.date(2026, 12, 14)  # a Monday
    assert reminder_due(due, datetime.date(2026, 12, 9)) is None  # three working days left
    assert reminder_due(due, datetime.date(2026, 12, 10)) == FollowUpKind.REMINDER_BEFORE
    assert reminder_due(due, datetime.date(2026, 12, 12)) == FollowUpKind.REMINDER_BEFORE
    assert reminder_due(due, due) == FollowUpKind.REMINDER_DUE
    assert reminder_due(due, due + datetime.timedelta(days=1)) is None
    # A due date on a Sunday: Saturday is already "on the due date".
    assert reminder_due(datetime.date(2026, 12, 13), datetime.date(2026, 12, 12)) == (
        FollowUpKind.REMINDER_DUE
    )


def test_the_loop_from_a_lapsed_invitation_to_did_it_help(people, brokers, routed, client):
    asker, broker_b, broker_c = people["asker (A)"], brokers["broker (B)"], brokers["broker (C)"]
    question = routed()
    [first] = question.invitations.all()
    assert first.municipality.name == "Utrecht"
    due = first.due_on

    assert sweep_twice(at(add_working_days(timezone.localdate(), 3))).reminders == 1
    assert sweep_twice(at(due)).reminders == 1
    lapsed = sweep_twice(at(due + datetime.timedelta(days=1)))
    assert (lapsed.expired_invitations, lapsed.rerouted) == (1, 1)

    first.refresh_from_db()
    assert first.state == InvitationState.EXPIRED
    second = first.rerouted_to
    assert second.municipality.name == "Zwolle"
    assert second.due_on <= question.wanted_by

    lifecycle.accept_invitation(broker_c, second)
    answer = lifecycle.answer(broker_c, question, body="<p>Wij bellen na twee maanden.</p>")
    lifecycle.accept_answer(asker, answer)
    lifecycle.rate(asker, answer, rating=Rating.HELPFUL, comment="Heel concreet, dank!")

    later = timezone.now() + datetime.timedelta(weeks=4, days=1)
    assert sweep_twice(later).helped_asked == 1
    [did_it_help] = Notification.objects.filter(user=asker, kind="question.helped_asked")
    assert did_it_help.url == reverse("questions:helped", args=[question.pk])

    client.force_login(asker)
    assert client.get(did_it_help.url).status_code == 200
    response = client.post(did_it_help.url, {"geholpen": "ja", "opmerking": "Achterstanden -30%"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.helped, answer.helped_comment) == (True, "Achterstanden -30%")

    [reply] = Notification.objects.filter(user=broker_c, kind="answer.helped_replied")
    assert "Achterstanden -30%" in reply.text
    client.force_login(broker_c)
    assert "Achterstanden -30%" in client.get(reverse("questions:detail", args=[question.pk])).text

    assert heard(asker, broker_b, broker_c, people["moderator"]) == Counter(
        {
            (asker.username, "question.routed"): 1,
            (asker.username, "invitation.expired"): 1,
            (asker.username, "invitation.rerouted"): 1,
            (asker.username, "invitation.accepted"): 1,
            (asker.username, "answer.created"): 1,
            (asker.username, "question.helped_asked"): 1,
            (broker_b.username, "invitation.created"): 1,
            (broker_b.username, "invitation.due_soon"): 1,
            (broker_b.username, "invitation.due_today"): 1,
            # Utrecht never answered, and still hears the outcome.
            (broker_b.username, "question.resolved"): 1,
            (broker_c.username, "invitation.created"): 1,
            (broker_c.username, "question.resolved"): 1,
            (broker_c.username, "answer.rated"): 1,
            (broker_c.username, "answer.helped_replied"): 1,
        }
    )
    [rated] = Notification.objects.filter(user=broker_c, kind="answer.rated")
    assert "Heel concreet, dank!" in rated.text


def test_a_declining_peer_is_never_asked_again_and_the_kennisredactie_hears_when_it_stops(
    people, brokers, routed, settings
):
    settings.QUESTION_MAX_REROUTES = 1
    question = routed()
    first = question.invitations.get()
    lifecycle.decline_invitation(brokers["broker (B)"], first, "Geen ervaring met dit thema.")

    assert sweep_twice(at(timezone.localdate())).rerouted == 1
    second = Invitation.objects.get(rerouted_from=first)
    assert second.municipality.name == "Zwolle"

    stuck = sweep_twice(at(second.due_on + datetime.timedelta(days=1)))
    assert (stuck.expired_invitations, stuck.rerouted, stuck.alerted) == (1, 0, 1)
    assert list(question.invitations.values_list("municipality__name", flat=True)) == [
        "Utrecht",
        "Zwolle",
    ]
    assert FollowUp.objects.get(question=question).kind == FollowUpKind.ESCALATED
    [alert] = Notification.objects.filter(user=people["moderator"])
    assert alert.kind == "question.stuck"
    declined = Notification.objects.get(user=people["asker (A)"], kind="invitation.declined")
    assert "Geen ervaring met dit thema." in declined.text


def test_when_the_router_has_nobody_left_the_kennisredactie_is_alerted(
    people, brokers, routed, monkeypatch
):
    question = routed()
    first = question.invitations.get()
    monkeypatch.setattr("questions.invitations.preview", lambda request, **kwargs: [])
    report = sweep_twice(at(first.due_on + datetime.timedelta(days=1)))
    assert (report.rerouted, report.alerted) == (0, 1)
    assert Notification.objects.filter(user=people["moderator"], kind="question.stuck").count() == 1


def test_a_question_past_its_wanted_by_date_without_an_answer_expires(people, brokers, routed):
    question = routed(wanted_by=add_working_days(timezone.localdate(), 2))
    invitation = question.invitations.get()
    lifecycle.accept_invitation(brokers["broker (B)"], invitation)

    report = sweep_twice(at(question.wanted_by + datetime.timedelta(days=1)))
    assert report.expired_questions == 1
    question.refresh_from_db()
    invitation.refresh_from_db()
    assert (question.state, invitation.state) == (QuestionState.EXPIRED, InvitationState.EXPIRED)
    told = Notification.objects.filter(user=people["asker (A)"], kind="question.expired")
    assert told.count() == 1


def test_a_withdrawn_question_is_announced_to_the_peers_still_working_on_it(
    people, brokers, routed
):
    question = routed()
    invitation = question.invitations.get()
    lifecycle.accept_invitation(brokers["broker (B)"], invitation)
    lifecycle.close(people["asker (A)"], question)
    [told] = Notification.objects.filter(kind="question.closed")
    assert told.user == brokers["broker (B)"]
    # Nothing waits any more: no reminder, no expiry, no re-routing of a closed question.
    report = sweep_twice(at(invitation.due_on + datetime.timedelta(days=30)))
    assert report == type(report)()
    assert not FollowUp.objects.filter(question=question).exists()


def test_an_answered_question_does_not_expire_and_is_not_rerouted(people, brokers, routed):
    question = routed(wanted_by=add_working_days(timezone.localdate(), 2))
    lifecycle.answer(brokers["broker (B)"], question, body="<p>Zo doen wij het.</p>")
    report = sweep_twice(at(question.wanted_by + datetime.timedelta(days=3)))
    assert (report.expired_questions, report.rerouted) == (0, 0)
    question.refresh_from_db()
    assert question.state == QuestionState.ANSWERED


def test_the_reminder_reaches_the_broker_through_a_real_smtp_server(
    people, brokers, routed, smtp_server, django_capture_on_commit_callbacks
):
    question = routed()
    due = question.invitations.get().due_on
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(at(due)).reminders == 1

    to_broker = [m for m in smtp_server.messages if m["To"] == "makelaar-utrecht@voorbeeld.nl"]
    # The invitation when the question was routed, then the reminder, in Dutch.
    subjects = {" ".join(subject_of(m).split()): m for m in to_broker}
    message = subjects[f"Kennisbank: Vandaag de uiterste datum: {question.title}"]
    assert reverse("questions:detail", args=[question.pk]) in body_of(message)
    assert message.get_content_type() == "multipart/alternative"


@pytest.mark.parametrize(
    ("role", "sees"),
    [("broker (B)", True), ("broker (C)", False), ("broker (D)", False)],
)
def test_a_broker_never_sees_another_municipalitys_invitations(
    people, brokers, routed, client, role, sees
):
    question = routed()
    invitation = question.invitations.get()  # to B (Utrecht)
    sweep(at(invitation.due_on))
    broker = brokers[role]

    assert (invitation in lifecycle.access.inbox(broker)) is sees
    assert lifecycle.access.can_act_on(broker, invitation) is sees
    assert Notification.objects.filter(user=broker, kind="invitation.due_today").exists() is sees
    client.force_login(broker)
    assert (question.title in client.get(reverse("questions:inbox")).text) is sees
    decline = client.get(reverse("questions:decline_invitation", args=[invitation.pk]))
    assert decline.status_code == (200 if sees else 404)


@pytest.mark.parametrize(
    ("role", "status"),
    # A moderator acts for no municipality: the members-only page says so (403).
    [("asker (A)", 200), ("colleague (A)", 404), ("broker (B)", 404), ("moderator", 403)],
)
def test_only_the_asker_answers_did_it_help(people, brokers, routed, client, role, status):
    question = routed()
    answer = lifecycle.answer(brokers["broker (B)"], question, body="<p>Zo doen wij het.</p>")
    lifecycle.accept_answer(people["asker (A)"], answer)
    client.force_login(people[role])
    url = reverse("questions:helped", args=[question.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"geholpen": "nee"}).status_code == (302 if status == 200 else status)


def test_did_it_help_needs_a_login_and_a_choice(people, brokers, routed, client):
    question = routed()
    answer = lifecycle.answer(brokers["broker (B)"], question, body="<p>Zo doen wij het.</p>")
    lifecycle.accept_answer(people["asker (A)"], answer)
    url = reverse("questions:helped", args=[question.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(people["asker (A)"])
    response = client.post(url, {"opmerking": "Weet ik nog niet"})
    assert response.status_code == 400
    answer.refresh_from_db()
    assert answer.helped is None
