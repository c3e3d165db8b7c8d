"""GET /api/v1/search: the platform's search for partner systems.

The same search as the site's /zoeken/ page (search.service: Elasticsearch, or the
database when it is down, then ``degraded`` is true), with the same facets as
repeatable parameters, the same paging window and the same visibility: anonymous
callers and tokens without the ``cases:read`` scope find public pages only; a token
with it, or a logged-in site user, finds members-only pages too. Results page the
HAL way, like every list of this API.
"""

import logging

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.access import PartnerApi, may_see_members_only
from api.pagination import page_headers, page_links, page_links_schema
from cases.models import CaseStatus
from municipalities.size_classes import SizeClass
from search import query_log, service
from search.documents import CASE, LESSON

logger = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 20


def camel(name: str) -> str:
    """A facet's API name: ``size_class`` is ``sizeClass`` (ADR: lowerCamelCase)."""
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


def facet_value_fields() -> dict[str, serializers.Field]:
    """Per facet (service name), how one selected value is checked."""
    slug = {"max_length": 80}
    return {
        "type": serializers.ChoiceField(choices=[CASE, LESSON]),
        "theme": serializers.SlugField(**slug),
        "decentralisatie": serializers.SlugField(**slug),
        "risico": serializers.SlugField(**slug),
        "kans": serializers.SlugField(**slug),
        "municipality": serializers.RegexField(
            r"^GM\d{4}$", error_messages={"invalid": _("A CBS code, e.g. GM0344.")}
        ),
        "province": serializers.CharField(min_length=1, max_length=100),
        "size_class": serializers.ChoiceField(choices=SizeClass.choices),
        "profiel": serializers.SlugField(**slug),
        "year": serializers.IntegerField(min_value=1900, max_value=2100),
        "status": serializers.ChoiceField(choices=CaseStatus.choices),
    }


FACET_HELP = {
    "type": _("Type: casusblad or les."),
    "theme": _("Theme (slug)."),
    "decentralisatie": _("Decentralisation (slug)."),
    "risico": _("Risk (slug)."),
    "kans": _("Opportunity (slug)."),
    "municipality": _("Owning municipality (CBS code)."),
    "province": _("Province of the owning municipality."),
    "size_class": _("CBS size class of the owning municipality."),
    "profiel": _("Organisation profile (slug)."),
    "year": _("Year (of the period's start; of publication for a les)."),
    "status": _("Status of a casusblad."),
}


class RepeatedParameter(serializers.ListField):
    """A query parameter given once or more (``theme=a&theme=b``).

    An error names the parameter itself, as invalidParams should, not the n-th value.
    """

    def to_internal_value(self, data) -> list:
        try:
            return super().to_internal_value(data)
        except exceptions.ValidationError as error:
            detail = error.detail
            if isinstance(detail, dict):
                detail = [message for messages in detail.values() for message in messages]
            raise exceptions.ValidationError(detail) from error


class SearchParams(serializers.Serializer):
    """The query string, checked: every facet repeatable, paging within the window."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=_("The words to search for; empty lists everything, newest first."),
    )
    sort = serializers.ChoiceField(
        choices=service.SORTS,
        default="relevance",
        help_text=_("relevance (default) or newest."),
    )
    page = serializers.IntegerField(min_value=1, default=1, help_text=_("Page number, from 1."))
    pageSize = serializers.IntegerField(
        min_value=1,
        max_value=service.MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        help_text=_("Results per page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, child in facet_value_fields().items():
            self.fields[camel(name)] = RepeatedParameter(
                child=child, required=False, max_length=50, help_text=FACET_HELP[name]
            )

    def validate(self, data: dict) -> dict:
        if data["page"] * data["pageSize"] > service.MAX_WINDOW:
            raise exceptions.ValidationError(
                {
                    "page": [
                        exceptions.ErrorDetail(
                            _("page times pageSize may not exceed %(window)d.")
                            % {"window": service.MAX_WINDOW},
                            code="max_value",
                        )
                    ]
                }
            )
        return data

    def search_request(self, *, members: bool) -> service.SearchRequest:
        data = self.validated_data
        filters = {name: [str(v) for v in data.get(camel(name), [])] for name in service.FACETS}
        return service.SearchRequest(
            q=data.get("q", ""),
            filters={name: values for name, values in filters.items() if values},
            sort=data["sort"],
            page=data["page"],
            page_size=data["pageSize"],
            members=members,
        )


def highlight_key(field: str) -> str:
    """``sections.werkzame_elementen`` is ``werkzameElementen``; ``title`` stays."""
    return camel(field.rsplit(".", 1)[-1])


class MunicipalityRefSerializer(serializers.Serializer):
    code = serializers.CharField(source="municipality_code", help_text=_("CBS code."))
    name = serializers.CharField(source="municipality_name")


@extend_schema_field(
    {
        "type": "object",
        "description": _(
            "Per matching field (title, summary, context, aanpak, resultaten, "
            "randvoorwaarden, werkzameElementen, lessen, body): fragments as escaped "
            "text in which only <mark> is markup."
        ),
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    }
)
class HighlightsField(serializers.Field):
    def to_representation(self, highlights: dict[str, list[str]]) -> dict[str, list[str]]:
        return {highlight_key(field): fragments for field, fragments in highlights.items()}


@extend_schema_field({"type": "string", "format": "uri"})
class AbsoluteUrlField(serializers.Field):
    def to_representation(self, url: str) -> str:
        return self.context["request"].build_absolute_uri(url)


class SearchResultSerializer(serializers.Serializer):
    externalId = serializers.CharField(source="external_id", allow_null=True)
    url = AbsoluteUrlField(help_text=_("The page on the site."))
    type = serializers.ChoiceField(choices=[CASE, LESSON])
    title = serializers.CharField()
    summary = serializers.CharField()
    municipality = MunicipalityRefSerializer(source="*")
    year = serializers.IntegerField(allow_null=True)
    highlights = HighlightsField()
    score = serializers.FloatField(
        allow_null=True, help_text=_("Relevance score; null when sorted otherwise.")
    )


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text=_("The value to pass in the facet's parameter."))
    label = serializers.CharField()
    count = serializers.IntegerField(
        min_value=0, help_text=_("Results with this value, given the other facets' selection.")
    )
    selected = serializers.BooleanField()


# One list per facet, named like its parameter; built from service.FACETS so a new
# facet appears in the answer and the document at once.
SearchFacetsSerializer = type(
    "SearchFacetsSerializer",
    (serializers.Serializer,),
    {
        camel(name): FacetValueSerializer(
            many=True, **({"source": name} if camel(name) != name else {})
        )
        for name in service.FACETS
    },
)


class SearchEmbeddedSerializer(serializers.Serializer):
    results = SearchResultSerializer(many=True)


@extend_schema_field(page_links_schema())
class PageLinksField(serializers.DictField):
    pass


class SearchResponseSerializer(serializers.Serializer):
    _links = PageLinksField()
    _embedded = SearchEmbeddedSerializer()
    total = serializers.IntegerField(min_value=0)
    facets = SearchFacetsSerializer()
    didYouMean = serializers.CharField(
        allow_null=True, help_text=_("A corrected query that finds results, if any.")
    )
    degraded = serializers.BooleanField(
        help_text=_("True: Elasticsearch is down and the database answered (simpler ranking).")
    )


def _log(request: service.SearchRequest, total: int) -> None:
    # The knowledge-gaps log must never cost a caller the answer.
    try:
        query_log.log_search(request, total)
    except Exception:
        logger.exception("could not log an API search")


class SearchView(PartnerApi, APIView):
    @extend_schema(
        operation_id="search",
        summary=_("Search casusbladen and lessen"),
        description=_(
            "Dutch full-text search with facets (repeat a parameter to select several "
            "values), highlights and did-you-mean. Anonymous callers and tokens without "
            "the cases:read scope find public pages only."
        ),
        parameters=[SearchParams],
        responses={200: SearchResponseSerializer},
        tags=["zoeken"],
    )
    def get(self, request: Request) -> Response:
        params = SearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        search_request = params.search_request(members=may_see_members_only(request))
        answer = service.search(search_request)
        _log(search_request, answer.total)
        number, size = search_request.page, search_request.page_size
        if number > 1 and search_request.offset >= answer.total:
            raise exceptions.NotFound(_("This page does not exist."))
        reachable = max(service.MAX_WINDOW // size, 1)
        num_pages = min(max(-(-answer.total // size), 1), reachable)
        body = {
            "_links": page_links(request, number, num_pages),
            "_embedded": {"results": answer.hits},
            "total": answer.total,
            "facets": answer.facets,
            "didYouMean": answer.did_you_mean,
            "degraded": answer.degraded,
        }
        data = SearchResponseSerializer(body, context={"request": request}).data
        return Response(data, headers=page_headers(answer.total, number, size))
