"""What happens to questions, said once, for whoever must hear of it.

The question flow (lifecycle, routing, follow-up) calls ``announce``, which sends
two signals:

* ``question_changed`` at once, inside the transaction that makes the change: the
  people concerned are told there (questions.feedback, through
  notifications.dispatch.notify, which writes in the caller's transaction), so a
  rolled-back change tells nobody and a committed one cannot lose its message;
* ``question_event`` after the commit, for the events partner systems may subscribe
  to (``Event``): webhooks listen to it.
  Apps above questions (api) connect receivers; questions itself never imports
  them, so the import graph stays downward.
"""

from __future__ import annotations

import enum

from django.db import transaction
from django.dispatch import Signal


class Event(enum.StrEnum):
    """What partner systems can subscribe to (api.webhook_models): the webhook contract."""

    QUESTION_CREATED = "question.created"
    INVITATION_CREATED = "invitation.created"
    ANSWER_CREATED = "answer.created"
    QUESTION_RESOLVED = "question.resolved"  # subject: the accepted answer


class Change(enum.StrEnum):
    """The other steps of the follow-up loop, which only people hear (questions.feedback)."""

    QUESTION_ROUTED = "question.routed"  # the first invitations went out
    INVITATION_ACCEPTED = "invitation.accepted"
    INVITATION_DECLINED = "invitation.declined"
    INVITATION_EXPIRED = "invitation.expired"  # not accepted by its due date
    INVITATION_REROUTED = "invitation.rerouted"  # subject: the new invitation
    INVITATION_DUE_SOON = "invitation.due_soon"  # the reminder before the due date
    INVITATION_DUE_TODAY = "invitation.due_today"
    ANSWER_RATED = "answer.rated"
    QUESTION_EXPIRED = "question.expired"
    QUESTION_CLOSED = "question.closed"  # withdrawn by the asker, or closed by a moderator
    QUESTION_STUCK = "question.stuck"  # re-routing gave up: the Kennisredactie steps in
    HELPED_ASKED = "question.helped_asked"  # "heeft het geholpen?"
    HELPED_REPLIED = "answer.helped_replied"


# Sent with: event (Event or Change), question (Question), subject (the Invitation/Answer the
# event is about, or the Question itself). question_changed inside the transaction,
# question_event after it committed, for an Event only.
question_changed = Signal()
question_event = Signal()


def announce(event: Event | Change, question, subject=None) -> None:
    """Tell the people concerned now, and the listeners once the transaction commits."""
    subject = subject or question
    question_changed.send(sender=type(question), event=event, question=question, subject=subject)
    if not isinstance(event, Event):
        return
    transaction.on_commit(
        lambda: question_event.send(
            sender=type(question), event=event, question=question, subject=subject
        )
    )
