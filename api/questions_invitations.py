"""/api/v1/invitations (the caller's inbox) with accept, decline and pass-on, and
/api/v1/questions/{id}/invitations (who was invited and why).

The inbox is questions.access.inbox: the invitations of the caller's municipality
when the caller receives them (its knowledge broker, or an editor where it has
none; a partner account is a broker), and those passed to the caller personally.
An invitation outside it is a 404 (a moderator reaches every one, as on the site).
Who was invited to a question, with the router's reasons, is for the asking
municipality and the moderators (questions.access.can_see_invitations): others
who read the question get a 403.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from api.pagination import HalPagination
from api.questions_access import QuestionApi, QuestionScopes, question_for, reachable_invitations
from api.questions_refusals import lifecycle_refusals
from api.questions_serializers import DeclineBody, InvitationSerializer, PassOnBody
from api.questions_views import CONFLICT, FORBIDDEN, TAGS
from municipalities.membership import members
from municipalities.models import Municipality
from questions import access, lifecycle
from questions.models import Invitation


class InvitationApi(QuestionApi, generics.GenericAPIView):
    permission_classes = (QuestionScopes, IsAuthenticated)
    serializer_class = InvitationSerializer
    pagination_class = HalPagination.named("invitations")

    def invitation(self, pk: int) -> Invitation:
        invitation = get_object_or_404(reachable_invitations(self.actor), pk=pk)
        self.audit(invitation)
        return invitation

    def answered(self, invitation: Invitation) -> Response:
        """The invitation as it is now (passed on elsewhere: this one, marked passed on)."""
        invitation.refresh_from_db()
        return Response(self.get_serializer(invitation).data)


class Inbox(InvitationApi):
    @extend_schema(
        operation_id="listInvitations",
        summary=_("The invitations the caller receives"),
        responses={200: InvitationSerializer(many=True), 403: FORBIDDEN},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        invitations = access.inbox(self.actor).select_related(
            "question", "question__municipality", "municipality"
        )
        page = self.paginate_queryset(invitations.order_by("due_on", "pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class QuestionInvitations(InvitationApi):
    @extend_schema(
        operation_id="listQuestionInvitations",
        summary=_("Who was invited to a question, and why"),
        responses={200: InvitationSerializer(many=True), 403: FORBIDDEN},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        question = question_for(self.actor, pk)
        if not access.can_see_invitations(self.actor, question):
            raise exceptions.PermissionDenied(
                _("Only the asking municipality and the moderators see who was invited.")
            )
        invitations = question.invitations.select_related(
            "question", "question__municipality", "municipality"
        )
        page = self.paginate_queryset(invitations.order_by("rank", "pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


ACTION_RESPONSES = {200: InvitationSerializer, 403: FORBIDDEN, 409: CONFLICT}


class AcceptInvitation(InvitationApi):
    @extend_schema(
        operation_id="acceptInvitation",
        summary=_("Take the question on"),
        request=None,
        responses=ACTION_RESPONSES,
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        invitation = self.invitation(pk)
        with lifecycle_refusals():
            lifecycle.accept_invitation(self.actor, invitation)
        return self.answered(invitation)


class DeclineInvitation(InvitationApi):
    @extend_schema(
        operation_id="declineInvitation",
        summary=_("Decline, with a reason the asker sees"),
        request=DeclineBody,
        responses=ACTION_RESPONSES,
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        invitation = self.invitation(pk)
        body = DeclineBody(data=request.data)
        body.is_valid(raise_exception=True)
        with lifecycle_refusals():
            lifecycle.decline_invitation(self.actor, invitation, body.validated_data["reason"])
        return self.answered(invitation)


def _found(candidates, field: str, **lookup):
    found = candidates.filter(**lookup).first()
    if found is None:
        raise exceptions.ValidationError({field: [_("Not found.")]})
    return found


class PassOnInvitation(InvitationApi):
    @extend_schema(
        operation_id="passOnInvitation",
        summary=_("Pass the invitation to a colleague or another municipality"),
        request=PassOnBody,
        responses=ACTION_RESPONSES,
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        invitation = self.invitation(pk)
        body = PassOnBody(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        colleague = municipality = None
        if "colleague" in data:
            # Among the invited municipality's people only (as the site's choices), so
            # the answer says nothing about accounts elsewhere.
            colleagues = members(invitation.municipality)
            colleague = _found(colleagues, "colleague", username=data["colleague"])
        if "municipality" in data:
            municipalities = Municipality.objects.all()
            municipality = _found(municipalities, "municipality", cbs_code=data["municipality"])
        with lifecycle_refusals():
            lifecycle.pass_on(
                self.actor, invitation, colleague=colleague, municipality=municipality
            )
        return self.answered(invitation)
