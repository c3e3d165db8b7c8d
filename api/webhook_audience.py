"""Which municipalities' partner systems may hear of a question event: the one rule.

A subscription sees what its token's municipality may see of the exchange, and only
where that municipality is a party:

* question created: the asking municipality (its own question);
* invitation created: the invited municipality (invitations addressed to it);
* answer created: the asking municipality (answers to its own questions);
* question resolved: the asking municipality and every municipality invited to the
  question, whatever it did with the invitation (all of them hear the outcome).

A question visible to all members is still not broadcast: a partner system that
wants those reads them from the API.
"""

from __future__ import annotations

from questions.events import Event
from questions.models import Invitation, Question


def audience(event: Event, question: Question, subject) -> set[int]:
    """The ids of the municipalities whose subscriptions receive ``event``."""
    if event in (Event.QUESTION_CREATED, Event.ANSWER_CREATED):
        return {question.municipality_id}
    if event == Event.INVITATION_CREATED:
        return {subject.municipality_id} if isinstance(subject, Invitation) else set()
    if event == Event.QUESTION_RESOLVED:
        invited = Invitation.objects.filter(question=question).values_list(
            "municipality_id", flat=True
        )
        return {question.municipality_id, *invited}
    return set()
