"""What the question endpoints share: scopes per method, the actor, the 404 of the unseen.

Reading questions needs the token scope ``questions:read``, writing
``questions:write`` (api.access.requires_scope); people need neither, their
membership decides (questions.access). Writing needs a caller: anonymous is a 401.
Whatever the caller may not read is a 404, never a 403 that would confirm it
exists.
"""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticatedOrReadOnly
from rest_framework.request import Request

from api.access import PartnerApi, requires_scope
from api.audit import AuditedWrites
from api.models import Scope
from api.partner_accounts import acting_user
from questions import access
from questions.models import Answer, Invitation, Question

ReadQuestions = requires_scope(Scope.QUESTIONS_READ)
WriteQuestions = requires_scope(Scope.QUESTIONS_WRITE)


class QuestionScopes(BasePermission):
    """``questions:read`` for GET (and the routing preview), ``questions:write`` to write."""

    def has_permission(self, request: Request, view) -> bool:
        reads = request.method in SAFE_METHODS or getattr(view, "reads_only", False)
        needed = (ReadQuestions if reads else WriteQuestions)()
        self.message = needed.message
        return needed.has_permission(request, view)


class QuestionApi(AuditedWrites, PartnerApi):
    """Base of the question endpoints: auth and throttling, scopes, audited writes."""

    permission_classes = (QuestionScopes, IsAuthenticatedOrReadOnly)

    @property
    def actor(self):
        return acting_user(self.request)


def visible_questions(actor) -> QuerySet:
    """The questions ``actor`` reads, ready for the serializer (a fixed number of queries)."""
    return (
        access.visible_questions(actor)
        .select_related("municipality")
        .prefetch_related("themes", "decentralisaties")
        .annotate(answer_count=Count("answers", distinct=True))
    )


def question_for(actor, pk: int) -> Question:
    question = visible_questions(actor).filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def answer_for(actor, pk: int) -> Answer:
    """An answer by id, if ``actor`` reads its question (else the same 404 as the question)."""
    answer = Answer.objects.select_related("question", "municipality").filter(pk=pk).first()
    if answer is None:
        raise Http404
    question_for(actor, answer.question_id)
    return answer


def reachable_invitations(actor) -> QuerySet:
    """The invitations ``actor`` may act on by id: their inbox, or all for a moderator."""
    invitations = Invitation.objects.all() if access.is_moderator(actor) else access.inbox(actor)
    return invitations.select_related("question", "question__municipality", "municipality")
