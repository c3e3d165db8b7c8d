"""The follow-up loop: no question gets stuck, and nothing is sent twice.

One sweep (``sweep``, run by the worker every ``QUESTION_FOLLOWUP_MINUTES`` through
questions.tasks.follow_up) walks the questions still in the exchange, on a clock
it is given (``now``; tests pass a fake one):

1. an open question past its wanted-by date without an answer **expires**, with
   the invitations still pending;
2. an invitation not accepted by its due date **expires**;
3. an invitation that lapsed (declined or expired) on a question still without an
   answer is **re-routed**: one new invitation to the router's next candidate
   (questions.invitations.invite; every municipality asked before is excluded, so
   never one that declined). After ``QUESTION_MAX_REROUTES`` re-routings, or when
   the router has nobody left, the Kennisredactie is alerted instead;
4. a pending invitation's receivers are **reminded** ``QUESTION_REMINDER_DAYS``
   working days before its due date and on the due date itself;
5. ``QUESTION_HELPED_AFTER_WEEKS`` after resolution the asker is asked "heeft het
   geholpen?" (questions.helped).

Each step for one invitation or question is one transaction that checks the state
again under a row lock, changes it and announces it (questions.events; the people
are told by questions.feedback inside the same transaction). Sends that no state
change records (reminders, the alert, the "did it help?") write a FollowUp row
whose unique constraint admits it once. A sweep run twice, two workers, or a worker
killed halfway therefore send nothing twice, and the next sweep does what the
killed one did not get to.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from questions.events import Change, announce
from questions.invitations import invite
from questions.models import (
    PENDING_STATES,
    FollowUp,
    FollowUpKind,
    Invitation,
    InvitationState,
    Question,
    QuestionState,
)
from questions.working_days import add_working_days, working_days_between

DEFAULT_REMINDER_DAYS = 2  # working days before the due date (QUESTION_REMINDER_DAYS)
DEFAULT_MAX_REROUTES = 3  # re-routings per question before the Kennisredactie steps in
DEFAULT_HELPED_AFTER_WEEKS = 4  # after resolution: "heeft het geholpen?"
OPEN_STATES = (QuestionState.OPEN, QuestionState.ANSWERED)
LAPSED_STATES = (InvitationState.DECLINED, InvitationState.EXPIRED)


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


@dataclass
class SweepReport:
    """What one sweep did, by step (the worker logs it; the simulation counts it)."""

    expired_questions: int = 0
    expired_invitations: int = 0
    rerouted: int = 0
    alerted: int = 0
    reminders: int = 0
    helped_asked: int = 0


def _record_once(question_id: int, kind: str, now, invitation_id: int | None = None) -> bool:
    """Write the FollowUp row; False when it exists (sent before, or by another worker)."""
    try:
        with transaction.atomic():
            FollowUp.objects.create(
                question_id=question_id, invitation_id=invitation_id, kind=kind, sent_at=now
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def expire_question(question_id: int, today: datetime.date) -> bool:
    """An open question without any answer whose wanted-by date has passed."""
    question = Question.objects.select_for_update().filter(pk=question_id).first()
    if question is None or question.state != QuestionState.OPEN or question.wanted_by >= today:
        return False
    question.state = QuestionState.EXPIRED
    question.save(update_fields=["state", "updated_at"])
    question.invitations.filter(state__in=PENDING_STATES).update(state=InvitationState.EXPIRED)
    announce(Change.QUESTION_EXPIRED, question)
    return True


@transaction.atomic
def expire_invitation(invitation_id: int, today: datetime.date) -> bool:
    """An invitation its municipality did not accept by the due date."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("question", "municipality")
        .filter(pk=invitation_id)
        .first()
    )
    if (
        invitation is None
        or invitation.state != InvitationState.INVITED
        or invitation.due_on >= today
        or invitation.question.state not in OPEN_STATES
    ):
        return False
    invitation.state = InvitationState.EXPIRED
    invitation.save(update_fields=["state"])
    announce(Change.INVITATION_EXPIRED, invitation.question, invitation)
    return True


def reroute(invitation_id: int, today: datetime.date, now) -> str:
    """Replace a lapsed invitation: "rerouted", "alerted" (Kennisredactie), or "" (nothing)."""
    with transaction.atomic():
        lapsed = Invitation.objects.select_related("question").get(pk=invitation_id)
        # The question's row lock serialises this with invite() and other sweeps.
        question = Question.objects.select_for_update().get(pk=lapsed.question_id)
        if (
            question.state != QuestionState.OPEN
            or lapsed.state not in LAPSED_STATES
            or Invitation.objects.filter(rerouted_from=lapsed).exists()
        ):
            return ""
        done = question.invitations.filter(rerouted_from__isnull=False).count()
        may_reroute = done < _setting("QUESTION_MAX_REROUTES", DEFAULT_MAX_REROUTES)
        if may_reroute and invite(question, count=1, rerouted_from=lapsed, today=today):
            return "rerouted"
        if _record_once(question.pk, FollowUpKind.ESCALATED, now):
            announce(Change.QUESTION_STUCK, question)
            return "alerted"
    return ""


def remind(invitation_id: int, today: datetime.date, now) -> bool:
    """Remind the receivers of a pending invitation that is due soon or today, once each."""
    with transaction.atomic():
        invitation = (
            # Only the invitation's row: PostgreSQL cannot lock the nullable side of the
            # outer join to its (optional) assignee.
            Invitation.objects.select_for_update(of=("self",))
            .select_related("question", "municipality", "assignee")
            .get(pk=invitation_id)
        )
        if invitation.state not in PENDING_STATES or invitation.question.state not in OPEN_STATES:
            return False
        kind = reminder_due(invitation.due_on, today)
        if kind is None or not _record_once(invitation.question_id, kind, now, invitation.pk):
            return False
        event = (
            Change.INVITATION_DUE_TODAY
            if kind == FollowUpKind.REMINDER_DUE
            else Change.INVITATION_DUE_SOON
        )
        announce(event, invitation.question, invitation)
    return True


def reminder_due(due_on: datetime.date, today: datetime.date) -> FollowUpKind | None:
    """Which reminder an invitation due on ``due_on`` gets ``today``, if any.

    On the due date (or on the days off just before it, when it falls on one) the
    last reminder; in the working days before it, the first one. Past the due date
    none: an invitation not accepted by then expires, an accepted one is answered.
    """
    if today > due_on:
        return None
    left = working_days_between(today, due_on)
    if left == 0:
        return FollowUpKind.REMINDER_DUE
    if left <= _setting("QUESTION_REMINDER_DAYS", DEFAULT_REMINDER_DAYS):
        return FollowUpKind.REMINDER_BEFORE
    return None


def ask_helped(question_id: int, now) -> bool:
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question_id)
        if question.state != QuestionState.RESOLVED:
            return False
        if not _record_once(question.pk, FollowUpKind.HELPED_ASKED, now):
            return False
        announce(Change.HELPED_ASKED, question)
    return True


def sweep(now: datetime.datetime | None = None) -> SweepReport:
    """One pass of the follow-up loop at ``now`` (default: the real clock)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = SweepReport()
    open_questions = Question.objects.filter(state__in=OPEN_STATES)

    for pk in open_questions.filter(state=QuestionState.OPEN, wanted_by__lt=today).values_list(
        "pk", flat=True
    ):
        report.expired_questions += expire_question(pk, today)

    in_exchange = Invitation.objects.filter(question__state__in=OPEN_STATES)
    for pk in in_exchange.filter(state=InvitationState.INVITED, due_on__lt=today).values_list(
        "pk", flat=True
    ):
        report.expired_invitations += expire_invitation(pk, today)

    lapsed = in_exchange.filter(
        question__state=QuestionState.OPEN, state__in=LAPSED_STATES, rerouted_to__isnull=True
    ).exclude(question__follow_ups__kind=FollowUpKind.ESCALATED)
    for pk in lapsed.order_by("question_id", "rank").values_list("pk", flat=True):
        outcome = reroute(pk, today, now)
        report.rerouted += outcome == "rerouted"
        report.alerted += outcome == "alerted"

    horizon = add_working_days(today, _setting("QUESTION_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))
    due = in_exchange.filter(state__in=PENDING_STATES, due_on__gte=today, due_on__lte=horizon)
    sent = set(FollowUp.objects.filter(invitation__in=due).values_list("invitation_id", "kind"))
    for pk, due_on in due.order_by("due_on", "pk").values_list("pk", "due_on"):
        kind = reminder_due(due_on, today)
        if kind is not None and (pk, kind) not in sent:
            report.reminders += remind(pk, today, now)

    weeks = _setting("QUESTION_HELPED_AFTER_WEEKS", DEFAULT_HELPED_AFTER_WEEKS)
    resolved = Question.objects.filter(
        state=QuestionState.RESOLVED, resolved_at__lte=now - datetime.timedelta(weeks=weeks)
    ).exclude(follow_ups__kind=FollowUpKind.HELPED_ASKED)
    for pk in resolved.values_list("pk", flat=True):
        report.helped_asked += ask_helped(pk, now)
    return report
