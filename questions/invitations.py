"""Putting a question to the peers the router chose: the Invitation rows.

``invite`` runs after a question is posted (``questions.tasks.route_question``) and
again when a question needs another peer (``count=1``). It is idempotent: a
question that already has invitations gets none from a plain second call, so a
retried task never invites twice; the unique (question, municipality) constraint
backs that up.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from municipalities.models import Municipality
from questions.events import Change, Event, announce
from questions.models import Invitation, Question, QuestionState
from questions.routing import preview
from questions.routing_request import RoutingRequest
from questions.working_days import add_working_days

DEFAULT_INVITATIONS = 5  # peers a new question goes to (QUESTION_INVITATIONS)
DEFAULT_INVITATION_DAYS = 5  # working days a peer gets to respond (QUESTION_INVITATION_DAYS)
ROUTED_STATES = (QuestionState.OPEN, QuestionState.ANSWERED)


def routing_request(
    question: Question,
    *,
    exclude: frozenset[str] = frozenset(),
    today: datetime.date | None = None,
) -> RoutingRequest:
    return RoutingRequest(
        title=question.title,
        body=question.body,
        themes=tuple(question.themes.order_by("slug").values_list("slug", flat=True)),
        decentralisaties=tuple(
            question.decentralisaties.order_by("slug").values_list("slug", flat=True)
        ),
        asker_code=question.municipality.cbs_code,
        exclude=exclude,
        today=today or timezone.localdate(),
    )


def due_date(question: Question, today: datetime.date | None = None) -> datetime.date:
    """N working days from today, but never after the date the asker needs the answer."""
    days = getattr(settings, "QUESTION_INVITATION_DAYS", DEFAULT_INVITATION_DAYS)
    return min(add_working_days(today or timezone.localdate(), days), question.wanted_by)


def invite(
    question: Question,
    *,
    count: int | None = None,
    rerouted_from: Invitation | None = None,
    today: datetime.date | None = None,
) -> list[Invitation]:
    """Invite the best peers not asked yet; ``count=None``: only if nobody was asked.

    ``rerouted_from``: the lapsed invitation the new one replaces (questions.followup).
    Every municipality asked before is excluded, so a peer that declined, or let an
    invitation lapse, is never asked again. ``today``: the follow-up sweep's clock.
    """
    with transaction.atomic():
        # The row lock serialises two invite() calls on one question (PostgreSQL).
        question = (
            Question.objects.select_for_update().select_related("municipality").get(pk=question.pk)
        )
        if question.state not in ROUTED_STATES:
            return []
        earlier = list(question.invitations.values_list("municipality__cbs_code", "rank"))
        if count is None and earlier:
            return []
        wanted = count or getattr(settings, "QUESTION_INVITATIONS", DEFAULT_INVITATIONS)
        request = routing_request(
            question, exclude=frozenset(code for code, _rank in earlier), today=today
        )
        # Stored reasons are read later by anyone: in the site's language, not the
        # language of whoever happened to trigger the routing.
        with translation.override(settings.LANGUAGE_CODE):
            candidates = preview(request, limit=wanted, members=True)
        first_rank = max((rank for _code, rank in earlier), default=0) + 1
        due_on = due_date(question, today)
        codes = {candidate.municipality_code for candidate in candidates}
        municipality_ids = dict(
            Municipality.objects.filter(cbs_code__in=codes).values_list("cbs_code", "pk")
        )
        invitations = [
            Invitation(
                question=question,
                municipality_id=municipality_ids[candidate.municipality_code],
                rank=first_rank + offset,
                score=candidate.score,
                reasons=[
                    {"kind": reason.kind, "text": reason.text, "data": reason.data}
                    for reason in candidate.reasons
                ],
                reason_text=candidate.sentence,
                due_on=due_on,
                rerouted_from=rerouted_from,
            )
            for offset, candidate in enumerate(candidates)
        ]
        created = Invitation.objects.bulk_create(invitations)
        for invitation in created:
            announce(Event.INVITATION_CREATED, question, invitation)
            if rerouted_from is not None:
                announce(Change.INVITATION_REROUTED, question, invitation)
        if created and not earlier:
            announce(Change.QUESTION_ROUTED, question)
        return created
