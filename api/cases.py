"""GET /api/v1/cases and /api/v1/lessons, each with /{externalId}: the live pages for sync.

Partner systems mirror the collection: they walk the list once with cursor paging
(api.cursor_pagination, ordered by last publication), then ask only for what was
published since with ``modifiedSince``. Visibility is the site's (cases.visibility)
through api.access.reader: anonymous callers and tokens without ``cases:read`` see
public pages; a token with it, or a logged-in member, sees members-only pages too.
A page is named by its external ID as in the interchange files, ``kennisbank-<id>``
for pages written in the admin.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, serializers

from api.access import PartnerApi, may_see_members_only, reader
from api.cursor_pagination import CursorHalPagination
from api.page_serializers import CaseSerializer, LessonSerializer, api_pages
from api.search import RepeatedParameter, facet_value_fields
from cases.interchange.identity import find_pages
from cases.interchange.schema import CASUSBLAD, LES, RecordType
from cases.models.pages import MunicipalityOwnedPage

MAX_VALUES = 50  # values of one repeated filter


class PageFilter(serializers.Serializer):
    """The list's query string: what was published since, by whom, on which theme."""

    modifiedSince = serializers.DateTimeField(
        required=False,
        help_text=_(
            "ISO 8601 date and time: only pages last published after it (incremental sync)."
        ),
    )
    municipality = RepeatedParameter(
        child=facet_value_fields()["municipality"],
        required=False,
        max_length=MAX_VALUES,
        help_text=_("Owning municipality (CBS code); repeat for several."),
    )
    theme = RepeatedParameter(
        child=facet_value_fields()["theme"],
        required=False,
        max_length=MAX_VALUES,
        help_text=_("Theme (slug); repeat for several."),
    )

    def apply(self, pages: QuerySet) -> QuerySet:
        self.is_valid(raise_exception=True)
        data = self.validated_data
        if "modifiedSince" in data:
            pages = pages.filter(last_published_at__gt=data["modifiedSince"])
        if codes := data.get("municipality"):
            pages = pages.filter(municipality__cbs_code__in=codes)
        if slugs := data.get("theme"):
            # A subquery, not a join: a page with two of the themes is listed once.
            with_theme = pages.model.objects.filter(themes__slug__in=slugs)
            pages = pages.filter(pk__in=with_theme.values("pk"))
        return pages


class RecordTypeView(PartnerApi):
    """What the list and the detail of one record type share: its pages, for this caller."""

    record_type: RecordType

    def pages(self) -> QuerySet:
        return api_pages(self.record_type, reader(self.request))

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "members": may_see_members_only(self.request)}


class PageList(RecordTypeView, generics.ListAPIView):
    def get_queryset(self) -> QuerySet:
        return PageFilter(data=self.request.query_params).apply(self.pages())


class PageDetail(RecordTypeView, generics.RetrieveAPIView):
    def get_object(self) -> MunicipalityOwnedPage:
        external_id = self.kwargs["externalId"]
        page = find_pages(self.pages(), [external_id]).get(external_id)
        if page is None:
            raise exceptions.NotFound(_("There is no page with this external ID that you may see."))
        return page


def _list_schema(operation_id: str, summary, tag: str):
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            summary=summary,
            description=_(
                "Live pages, oldest publication first, with cursor paging: follow the "
                "next link to the end, then sync with modifiedSince. Anonymous callers "
                "and tokens without the cases:read scope see public pages only."
            ),
            parameters=[PageFilter],
            tags=[tag],
        )
    )


def _detail_schema(operation_id: str, summary, tag: str):
    return extend_schema_view(
        get=extend_schema(operation_id=operation_id, summary=summary, tags=[tag])
    )


@_list_schema("listCases", _("List casusbladen"), "casusbladen")
class CaseList(PageList):
    record_type = CASUSBLAD
    serializer_class = CaseSerializer
    pagination_class = CursorHalPagination.named("cases")


@_detail_schema("getCase", _("One casusblad"), "casusbladen")
class CaseDetail(PageDetail):
    record_type = CASUSBLAD
    serializer_class = CaseSerializer


@_list_schema("listLessons", _("List lessen"), "lessen")
class LessonList(PageList):
    record_type = LES
    serializer_class = LessonSerializer
    pagination_class = CursorHalPagination.named("lessons")


@_detail_schema("getLesson", _("One les"), "lessen")
class LessonDetail(PageDetail):
    record_type = LES
    serializer_class = LessonSerializer
