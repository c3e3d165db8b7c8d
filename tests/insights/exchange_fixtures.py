"""A month of exchange with figures computed by hand (November 2026, "today" 2 December).

Amersfoort asks five questions in November and one in October (outside the period);
Utrecht and Zwolle are invited. Per question (asked at 09:00):

* Q1, 2 Nov, theme "Inkomen en schulden": Utrecht answers at 15:00 (0.25 days,
  rated helpful, accepted); Zwolle, invited at the same moment, declines (not a
  re-routing: nothing came after it).
* Q2, 3 Nov, theme "Jeugdhulp": Zwolle's invitation expires, Utrecht is invited
  on 10 Nov (a re-routing) and answers on 11 Nov (8 days, rated not helpful).
* Q3, 10 Nov, "Inkomen en schulden": Utrecht's invitation (due 20 Nov) still waits;
  wanted by 24 Nov, so the question is overdue.
* Q4, 20 Nov, no theme: Zwolle accepted (due 10 Dec); wanted by 4 Dec: not overdue.
* Q5, 25 Nov: Zwolle answers on 27 Nov (2 days, not rated).
* Q0, 15 Oct: answered by Utrecht the same day; outside the period.

So: 5 asked, 3 answered (60 %), first answers [0.25, 8, 2] days (median 2, p90 8),
1 overdue, 1 re-routed; invitations Utrecht 3 (2 answered, 1 overdue), Zwolle 4
(1 answered, 1 declined, 1 expired), Amersfoort 0 (a member, not invited): Gini of
[0, 3, 4] = 8 / 21 = 0.381; ratings 1 helpful of 2; unanswered theme "Inkomen en
schulden" (2 asked, 1 unanswered); zero-result searches "mantelzorg platteland" 3
and "=HYPERLINK(1)" 1; the follow-up loop reminded Zwolle about Q2 on 5 and 7 Nov and
alerted the Kennisredactie on 8 Nov (a reminder about Q0 on 20 Oct falls outside):
2 reminders, 1 alert.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from cases.models import Term, Vocabulary
from insights.metrics import Period
from municipalities.membership import Role
from municipalities.models import Municipality
from questions.models import (
    Answer,
    FollowUp,
    FollowUpKind,
    Invitation,
    InvitationState,
    Question,
    QuestionState,
    Rating,
)
from search.query_log_models import SearchQuery
from tests.page_fixtures import person

TODAY = datetime.date(2026, 12, 2)
NOVEMBER = Period(datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))


def at(day: int, hour: int = 9, month: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, month, day, hour, 0))


@pytest.fixture
def dashboard_today(monkeypatch) -> datetime.date:
    """2 December 2026 wherever the code asks for today's date."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def dashboard_people(setup_editors, amersfoort, utrecht, moderator) -> dict[str, User | None]:
    """One user per role of the permission matrix."""
    zwolle = Municipality.objects.get(cbs_code="GM0193")
    return {
        "anonymous": None,
        "no membership": person("los-account", None),
        "member (Amersfoort)": person("vrager-amersfoort", amersfoort),
        "broker (Utrecht)": person("makelaar-utrecht", utrecht, {Role.KNOWLEDGE_BROKER}),
        "member (Zwolle)": person("lid-zwolle", zwolle),
        "moderator": moderator,
    }


def _question(asker, municipality, asked, wanted_by, state, themes=()) -> Question:
    question = Question.objects.create(
        asker=asker,
        municipality=municipality,
        title=f"Vraag van {asked:%d %B}",
        body="<p>Hoe doen jullie dit?</p>",
        wanted_by=wanted_by,
        state=state,
    )
    question.themes.set(Term.objects.filter(vocabulary=Vocabulary.THEME, slug__in=themes))
    Question.objects.filter(pk=question.pk).update(created_at=asked)
    return question


def _invite(question, municipality, made, state, due_on, rank=1, rerouted_from=None) -> Invitation:
    invitation = Invitation.objects.create(
        question=question,
        municipality=municipality,
        rank=rank,
        score=1.0,
        state=state,
        due_on=due_on,
        rerouted_from=rerouted_from,
    )
    Invitation.objects.filter(pk=invitation.pk).update(created_at=made)
    return invitation


def _answer(question, author, municipality, made, rating="", accepted=False) -> Answer:
    answer = Answer.objects.create(
        question=question,
        author=author,
        municipality=municipality,
        body="<p>Zo doen wij het.</p>",
        rating=rating,
        accepted=accepted,
    )
    Answer.objects.filter(pk=answer.pk).update(created_at=made)
    return answer


@pytest.fixture
def exchange(dashboard_people, amersfoort, utrecht) -> dict[str, Question]:
    people = dashboard_people
    zwolle = Municipality.objects.get(cbs_code="GM0193")
    asker = people["member (Amersfoort)"]
    broker = people["broker (Utrecht)"]
    zwolle_member = people["member (Zwolle)"]
    day = datetime.date

    q1 = _question(
        asker, amersfoort, at(2), day(2026, 11, 16), QuestionState.RESOLVED, ["inkomen-en-schulden"]
    )
    _invite(q1, utrecht, at(2, 9), InvitationState.ANSWERED, day(2026, 11, 9))
    _invite(q1, zwolle, at(2, 9), InvitationState.DECLINED, day(2026, 11, 9), rank=2)
    _answer(q1, broker, utrecht, at(2, 15), Rating.HELPFUL, accepted=True)

    q2 = _question(
        asker, amersfoort, at(3), day(2026, 11, 17), QuestionState.ANSWERED, ["jeugdhulp"]
    )
    lapsed = _invite(q2, zwolle, at(3), InvitationState.EXPIRED, day(2026, 11, 7))
    _invite(
        q2, utrecht, at(10), InvitationState.ANSWERED, day(2026, 11, 14), 2, rerouted_from=lapsed
    )
    _answer(q2, broker, utrecht, at(11), Rating.NOT_HELPFUL)
    # The loop reminded Zwolle twice before its invitation lapsed, and alerted the
    # Kennisredactie once; one reminder in October falls outside the month.
    reminded = {FollowUpKind.REMINDER_BEFORE: at(5), FollowUpKind.REMINDER_DUE: at(7)}
    for kind, sent_at in reminded.items():
        FollowUp.objects.create(question=q2, invitation=lapsed, kind=kind, sent_at=sent_at)
    FollowUp.objects.create(question=q2, kind=FollowUpKind.ESCALATED, sent_at=at(8))

    q3 = _question(
        asker, amersfoort, at(10), day(2026, 11, 24), QuestionState.OPEN, ["inkomen-en-schulden"]
    )
    _invite(q3, utrecht, at(10), InvitationState.INVITED, day(2026, 11, 20))

    q4 = _question(asker, amersfoort, at(20), day(2026, 12, 4), QuestionState.OPEN)
    _invite(q4, zwolle, at(20), InvitationState.ACCEPTED, day(2026, 12, 10))

    q5 = _question(asker, amersfoort, at(25), day(2026, 12, 9), QuestionState.ANSWERED)
    _invite(q5, zwolle, at(25), InvitationState.ANSWERED, day(2026, 12, 2))
    _answer(q5, zwolle_member, zwolle, at(27))

    q0 = _question(asker, amersfoort, at(15, month=10), day(2026, 10, 29), QuestionState.ANSWERED)
    _invite(q0, utrecht, at(15, month=10), InvitationState.ANSWERED, day(2026, 10, 22))
    _answer(q0, broker, utrecht, at(15, 11, month=10), Rating.HELPFUL)
    FollowUp.objects.create(
        question=q0,
        invitation=q0.invitations.get(),
        kind=FollowUpKind.REMINDER_BEFORE,
        sent_at=at(20, month=10),
    )

    searches = [
        ("mantelzorg platteland", 0, day(2026, 11, 5), 3),
        ("=HYPERLINK(1)", 0, day(2026, 11, 6), 1),
        ("wmo", 40, day(2026, 11, 6), 5),
        ("oud", 0, day(2026, 10, 1), 2),
    ]
    SearchQuery.objects.bulk_create(
        SearchQuery(query=query, results=results, day=when)
        for query, results, when, times in searches
        for _ in range(times)
    )
    return {"q1": q1, "q2": q2, "q3": q3, "q4": q4, "q5": q5, "q0": q0}
