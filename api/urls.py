from django.urls import path, re_path

from api import error_views, municipalities, schema, search

app_name = "api"

urlpatterns = [
    path("v1/openapi.json", schema.OpenApiDocument.as_view(), name="openapi"),
    path("v1/gemeenten", municipalities.MunicipalityList.as_view(), name="municipality-list"),
    path(
        "v1/gemeenten/<str:code>",
        municipalities.MunicipalityDetail.as_view(),
        name="municipality-detail",
    ),
    path("v1/search", search.SearchView.as_view(), name="search"),
    # Last: every other address under /api/ is a 404 problem (trailing slashes too).
    re_path(r"^(?P<rest>.*)$", error_views.unknown_route),
]
