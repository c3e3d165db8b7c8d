"""/api/v1/questions, /questions/{id}, /questions/{id}/answers, /questions/{id}/close,
/answers/{id}/accept and /answers/{id}/rating: the asker's side and the answerer's.

The question flow for partner systems and for people in the browser (site session):
the same rules as the question pages, because both call questions.access to read
and questions.lifecycle to write; refusals leave as problems
(api.questions_refusals). A partner token acts through its partner account
(api.partner_accounts), so a question it asks is its municipality's, with the
account as asker.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.models import Page

from api.access import reader
from api.pagination import HalPagination
from api.questions_access import QuestionApi, answer_for, question_for, visible_questions
from api.questions_refusals import lifecycle_refusals
from api.questions_serializers import (
    AnswerBody,
    AnswerSerializer,
    AskBody,
    QuestionSerializer,
    RateBody,
)
from cases.visibility import visible_pages
from questions import access, lifecycle
from questions.models import Answer, QuestionState

TAGS = ["vragen"]
CONFLICT = OpenApiResponse(description=_("The state of the question does not allow this."))
PERSONAL_DATA = OpenApiResponse(
    description=_("Personal data: a BSN, or warnings not confirmed; `pointer` names the field.")
)
FORBIDDEN = OpenApiResponse(
    description=_("The caller may not do this (or the token lacks a scope).")
)


class QuestionFilter(serializers.Serializer):
    state = serializers.ChoiceField(choices=QuestionState.choices, required=False)
    theme = serializers.SlugField(required=False, max_length=80)
    municipality = serializers.RegexField(r"^GM\d{4}$", required=False)
    mine = serializers.BooleanField(required=False, default=False)

    def apply(self, questions: QuerySet, actor) -> QuerySet:
        self.is_valid(raise_exception=True)
        data = self.validated_data
        if data.get("state"):
            questions = questions.filter(state=data["state"])
        if data.get("theme"):
            questions = questions.filter(themes__slug=data["theme"])
        if data.get("municipality"):
            questions = questions.filter(municipality__cbs_code=data["municipality"])
        if data["mine"]:
            mine = access.affiliation(actor)
            if mine is None:
                return questions.none()
            questions = questions.filter(municipality=mine.municipality)
        return questions


FILTERS = [
    OpenApiParameter("state", OpenApiTypes.STR, enum=QuestionState.values, description=_("State.")),
    OpenApiParameter("theme", OpenApiTypes.STR, description=_("Theme (slug).")),
    OpenApiParameter(
        "municipality", OpenApiTypes.STR, description=_("Asking municipality (CBS code).")
    ),
    OpenApiParameter(
        "mine", OpenApiTypes.BOOL, description=_("Only the questions of the caller's municipality.")
    ),
]


class QuestionList(QuestionApi, generics.GenericAPIView):
    serializer_class = QuestionSerializer
    pagination_class = HalPagination.named("questions")

    @extend_schema(
        operation_id="listQuestions",
        summary=_("List the questions the caller may read"),
        parameters=FILTERS,
        responses={200: QuestionSerializer(many=True), 403: FORBIDDEN},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        actor = self.actor
        questions = QuestionFilter(data=request.query_params).apply(visible_questions(actor), actor)
        page = self.paginate_queryset(questions.distinct().order_by("-created_at", "-pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="askQuestion",
        summary=_("Ask a question on behalf of the caller's municipality"),
        request=AskBody,
        responses={201: QuestionSerializer, 403: FORBIDDEN, 422: PERSONAL_DATA},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        body = AskBody(data=request.data)
        body.is_valid(raise_exception=True)
        with lifecycle_refusals():
            asked = lifecycle.ask(self.actor, **body.lifecycle_arguments())
        self.audit(asked)
        question = question_for(self.actor, asked.pk)
        location = request.build_absolute_uri(reverse("api:question-detail", args=[asked.pk]))
        return Response(
            self.get_serializer(question).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class QuestionDetail(QuestionApi, generics.GenericAPIView):
    serializer_class = QuestionSerializer

    @extend_schema(
        operation_id="getQuestion",
        summary=_("One question"),
        responses={200: QuestionSerializer, 403: FORBIDDEN},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(question_for(self.actor, pk)).data)


def with_readable_pages(answers: list[Answer], request: Request) -> list[Answer]:
    """Each answer's linked pages as far as the caller may see them (as on the site)."""
    linked_ids = {page.pk for answer in answers for page in answer.linked_pages.all()}
    readable = {
        page.pk: page
        for page in visible_pages(Page.objects.filter(pk__in=linked_ids), reader(request))
    }
    for answer in answers:
        answer.readable_pages = [
            readable[p.pk] for p in answer.linked_pages.all() if p.pk in readable
        ]
    return answers


class AnswerApi(QuestionApi, generics.GenericAPIView):
    """The endpoints of answers: each answer shown with its pages as far as the caller may see."""

    serializer_class = AnswerSerializer

    def answer_data(self, answer: Answer) -> dict:
        return self.get_serializer(with_readable_pages([answer], self.request)[0]).data


class QuestionAnswers(AnswerApi):
    pagination_class = HalPagination.named("answers")

    @extend_schema(
        operation_id="listAnswers",
        summary=_("The answers to a question"),
        responses={200: AnswerSerializer(many=True), 403: FORBIDDEN},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        question = question_for(self.actor, pk)
        answers = question.answers.select_related("municipality").prefetch_related("linked_pages")
        page = self.paginate_queryset(answers.order_by("created_at", "pk"))
        return self.get_paginated_response(
            self.get_serializer(with_readable_pages(page, request), many=True).data
        )

    @extend_schema(
        operation_id="answerQuestion",
        summary=_("Answer a question on behalf of the caller's municipality"),
        request=AnswerBody,
        responses={201: AnswerSerializer, 403: FORBIDDEN, 409: CONFLICT, 422: PERSONAL_DATA},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        question = question_for(self.actor, pk)
        self.audit(question)
        body = AnswerBody(data=request.data)
        body.is_valid(raise_exception=True)
        with lifecycle_refusals():
            answer = lifecycle.answer(self.actor, question, **body.lifecycle_arguments())
        self.audit(answer)
        return Response(
            self.answer_data(answer),
            status=status.HTTP_201_CREATED,
        )


class AcceptAnswer(AnswerApi):
    @extend_schema(
        operation_id="acceptAnswer",
        summary=_("The asker accepts an answer: the question is resolved"),
        request=None,
        responses={200: AnswerSerializer, 403: FORBIDDEN, 409: CONFLICT},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        answer = answer_for(self.actor, pk)
        self.audit(answer)
        with lifecycle_refusals():
            accepted = lifecycle.accept_answer(self.actor, answer)
        return Response(self.answer_data(accepted))


class RateAnswer(AnswerApi):
    @extend_schema(
        operation_id="rateAnswer",
        summary=_("The asker rates an answer: feedback to the answerer (again to change it)"),
        request=RateBody,
        responses={200: AnswerSerializer, 403: FORBIDDEN, 422: PERSONAL_DATA},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        answer = answer_for(self.actor, pk)
        self.audit(answer)
        body = RateBody(data=request.data)
        body.is_valid(raise_exception=True)
        with lifecycle_refusals():
            rated = lifecycle.rate(self.actor, answer, **body.lifecycle_arguments())
        return Response(self.answer_data(rated))


class CloseQuestion(QuestionApi, generics.GenericAPIView):
    serializer_class = QuestionSerializer

    @extend_schema(
        operation_id="closeQuestion",
        summary=_("The asker withdraws the question, or a moderator closes it"),
        request=None,
        responses={200: QuestionSerializer, 403: FORBIDDEN, 409: CONFLICT},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        question = question_for(self.actor, pk)
        self.audit(question)
        with lifecycle_refusals():
            lifecycle.close(self.actor, question)
        return Response(self.get_serializer(question_for(self.actor, pk)).data)
