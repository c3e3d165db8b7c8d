"""What happens to questions, said once, for whoever must hear of it.

The question flow (lifecycle, routing, follow-up) sends ``question_event`` after the
change is committed; notifications for people and webhooks for partner systems
listen to it. Apps above questions (api) connect receivers; questions itself never
imports them, so the import graph stays downward.
"""

from __future__ import annotations

import enum

from django.db import transaction
from django.dispatch import Signal


class Event(enum.StrEnum):
    QUESTION_CREATED = "question.created"
    INVITATION_CREATED = "invitation.created"
    ANSWER_CREATED = "answer.created"
    QUESTION_RESOLVED = "question.resolved"


# Sent with: event (Event), question (Question), subject (the Invitation/Answer the
# event is about, or the Question itself).
question_event = Signal()


def announce(event: Event, question, subject=None) -> None:
    """Send ``event`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(
        lambda: question_event.send(
            sender=type(question), event=event, question=question, subject=subject or question
        )
    )
