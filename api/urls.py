from django.urls import path, re_path

from api import cases, error_views, municipalities, schema, search

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
    # Last: every other address under /api/ is a 404 problem (trailing slashes too).
    re_path(r"^(?P<rest>.*)$", error_views.unknown_route),
]
