"""GET /api/v1/municipalities and /api/v1/municipalities/{code}: the CBS list.

The reference every other resource points at (casusbladen, lessen and questions
belong to a municipality), keyed by CBS code as partner systems know it. The
detail counts the casusbladen and lessen the caller may see, with the same rules
and the same single query as the site's /gemeenten/ page, and says what the
municipality offers as a peer (api.municipality_expertise).

The first release named the resource /api/v1/gemeenten; that address stays, served
by the same views and marked deprecated in the document (``deprecated_alias``), so
that partners move to the English name of record like /cases and /questions.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.request import Request

from api.access import PartnerApi, may_see_members_only, reader
from api.municipality_expertise import ExpertiseSerializer, expertise_of, with_profile
from api.pagination import HalPagination, link_schema
from cases.municipality_directory import municipalities_with_counts
from municipalities.models import Municipality
from municipalities.size_classes import SizeClass, in_size_class


@extend_schema_field(
    {
        "type": "object",
        "properties": {"self": link_schema()},
        "required": ["self"],
    }
)
class SelfLinkField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, municipality: Municipality) -> dict:
        path = reverse("api:municipality-detail", kwargs={"code": municipality.cbs_code})
        return {"self": {"href": self.context["request"].build_absolute_uri(path)}}


class MunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField(source="cbs_code", help_text=_("CBS code, e.g. GM0344."))
    name = serializers.CharField()
    province = serializers.CharField()
    sizeClass = serializers.ChoiceField(
        source="size_class", choices=SizeClass.choices, help_text=_("CBS size class.")
    )
    population = serializers.IntegerField()
    _links = SelfLinkField()


class MunicipalityDetailSerializer(MunicipalitySerializer):
    expertise = ExpertiseSerializer(
        help_text=_("What the municipality offers as a peer, as question routing sees it.")
    )
    caseCount = serializers.IntegerField(
        source="case_count",
        help_text=_("Published casusbladen the caller may see (public ones when anonymous)."),
    )
    lessonCount = serializers.IntegerField(
        source="lesson_count",
        help_text=_("Published lessen the caller may see (public ones when anonymous)."),
    )


class MunicipalityFilter(serializers.Serializer):
    """The list's filters; also its parameters in the document, so the provinces there
    are the ones in the database, as the check here."""

    provincie = serializers.ChoiceField(
        choices=[], required=False, help_text=_("Province, e.g. Utrecht.")
    )
    grootteklasse = serializers.ChoiceField(
        choices=SizeClass.choices, required=False, help_text=_("CBS size class.")
    )
    q = serializers.CharField(required=False, max_length=100, help_text=_("Part of the name."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = Municipality.objects.order_by("province").values_list("province", flat=True)
        self.fields["provincie"].choices = list(provinces.distinct())

    def apply(self, municipalities: QuerySet) -> QuerySet:
        self.is_valid(raise_exception=True)
        if province := self.validated_data.get("provincie"):
            municipalities = municipalities.filter(province=province)
        if size := self.validated_data.get("grootteklasse"):
            municipalities = in_size_class(municipalities, SizeClass(size))
        if q := self.validated_data.get("q", "").strip():
            municipalities = municipalities.filter(name__icontains=q)
        return municipalities


@extend_schema_view(
    get=extend_schema(
        operation_id="listMunicipalities",
        summary=_("List municipalities"),
        parameters=[MunicipalityFilter],
        tags=["gemeenten"],
    )
)
class MunicipalityList(PartnerApi, generics.ListAPIView):
    serializer_class = MunicipalitySerializer
    pagination_class = HalPagination.named("municipalities")

    def get_queryset(self) -> QuerySet:
        return MunicipalityFilter(data=self.request.query_params).apply(
            Municipality.objects.order_by("name", "cbs_code")
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="getMunicipality",
        summary=_("One municipality, with its expertise"),
        tags=["gemeenten"],
    )
)
class MunicipalityDetail(PartnerApi, generics.RetrieveAPIView):
    serializer_class = MunicipalityDetailSerializer

    def get_object(self) -> Municipality:
        request: Request = self.request
        municipality = get_object_or_404(
            with_profile(municipalities_with_counts(reader(request))), cbs_code=self.kwargs["code"]
        )
        municipality.expertise = expertise_of(municipality, members=may_see_members_only(request))
        return municipality


def deprecated_alias(view: type[generics.GenericAPIView], operation_id: str, **attributes):
    """`view` under the former Dutch address: the same code, marked deprecated in the document."""
    alias = type(f"Deprecated{view.__name__}", (view,), attributes)
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            deprecated=True,
            description=_("Deprecated: use the same operation under /api/v1/municipalities."),
        )
    )(alias)


# The first release's /gemeenten listed its items under _embedded.gemeenten; the
# serializer's own name gives that page shape its own component in the document.
GemeenteList = deprecated_alias(
    MunicipalityList,
    "listGemeenten",
    pagination_class=HalPagination.named("gemeenten"),
    serializer_class=type("GemeenteSerializer", (MunicipalitySerializer,), {}),
)
GemeenteDetail = deprecated_alias(MunicipalityDetail, "getGemeente")
