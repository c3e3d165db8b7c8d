from django.urls import path, re_path

from api import (
    cases,
    error_views,
    municipalities,
    questions_routing,
    questions_views,
    schema,
    search,
)
from api import questions_invitations as invitations

app_name = "api"

urlpatterns = [
    path("v1/openapi.json", schema.OpenApiDocument.as_view(), name="openapi"),
    path("v1/municipalities", municipalities.MunicipalityList.as_view(), name="municipality-list"),
    path(
        "v1/municipalities/<str:code>",
        municipalities.MunicipalityDetail.as_view(),
        name="municipality-detail",
    ),
    # Deprecated: the first release's Dutch name of the same resource.
    path("v1/gemeenten", municipalities.GemeenteList.as_view(), name="gemeente-list"),
    path(
        "v1/gemeenten/<str:code>", municipalities.GemeenteDetail.as_view(), name="gemeente-detail"
    ),
    path("v1/search", search.SearchView.as_view(), name="search"),
    path("v1/cases", cases.CaseList.as_view(), name="case-list"),
    path("v1/cases/<str:externalId>", cases.CaseDetail.as_view(), name="case-detail"),
    path("v1/lessons", cases.LessonList.as_view(), name="lesson-list"),
    path("v1/lessons/<str:externalId>", cases.LessonDetail.as_view(), name="lesson-detail"),
    # The question flow (issue 7): questions, answers, invitations, routing preview.
    path("v1/questions", questions_views.QuestionList.as_view(), name="question-list"),
    path("v1/questions/<int:pk>", questions_views.QuestionDetail.as_view(), name="question-detail"),
    path(
        "v1/questions/<int:pk>/answers",
        questions_views.QuestionAnswers.as_view(),
        name="question-answers",
    ),
    path(
        "v1/questions/<int:pk>/close",
        questions_views.CloseQuestion.as_view(),
        name="question-close",
    ),
    path(
        "v1/questions/<int:pk>/invitations",
        invitations.QuestionInvitations.as_view(),
        name="question-invitations",
    ),
    path(
        "v1/answers/<int:pk>/accept", questions_views.AcceptAnswer.as_view(), name="answer-accept"
    ),
    path("v1/answers/<int:pk>/rating", questions_views.RateAnswer.as_view(), name="answer-rate"),
    path("v1/invitations", invitations.Inbox.as_view(), name="invitation-list"),
    path(
        "v1/invitations/<int:pk>/accept",
        invitations.AcceptInvitation.as_view(),
        name="invitation-accept",
    ),
    path(
        "v1/invitations/<int:pk>/decline",
        invitations.DeclineInvitation.as_view(),
        name="invitation-decline",
    ),
    path(
        "v1/invitations/<int:pk>/pass-on",
        invitations.PassOnInvitation.as_view(),
        name="invitation-pass-on",
    ),
    path("v1/routing/preview", questions_routing.RoutingPreview.as_view(), name="routing-preview"),
    # Last: every other address under /api/ is a 404 problem (trailing slashes too).
    re_path(r"^(?P<rest>.*)$", error_views.unknown_route),
]
