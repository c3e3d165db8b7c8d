"""Casusbladen and lessen as the partner API shows them: the interchange record, in lowerCamelCase.

A partner system that imports JSON Lines and one that reads this API should see the
same thing under the same names, so both are driven by the one table of
cases.interchange.schema: the values come from its reader (snapshot.read_page and
exporter.to_json, the export's own), the keys are camelised (``external_id`` is
``externalId``, ``sections.working_elements`` is ``sections.workingElements``), and
the serializer's fields, which only the OpenAPI document reads, are made from the
same table. A field added there appears in the export, the import, this API and its
document at once.

What the API adds to the record: the owner's name beside its code, the page's
address, when it was last published (the key of incremental sync) and a self link.
The contact person is shown to members only, as on the site; others get null.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.pagination import link, link_schema
from api.search import AbsoluteUrlField, camel
from cases.interchange.exporter import to_json
from cases.interchange.identity import external_id_of
from cases.interchange.schema import CASUSBLAD, LES, Field, Kind, RecordType
from cases.interchange.snapshot import read_page, readable_pages
from cases.models import CasePage
from cases.models.pages import MunicipalityOwnedPage
from cases.visibility import visible_pages

# The group of keys shown only to members (the site's rule for the contact person).
MEMBERS_ONLY_GROUP = "contact"
DETAIL_ROUTES = {CASUSBLAD.name: "api:case-detail", LES.name: "api:lesson-detail"}


def camel_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {camel(key): camel_keys(item) for key, item in value.items()}
    return value


class OwnerSerializer(serializers.Serializer):
    code = serializers.CharField(source="cbs_code", help_text=_("CBS code."))
    name = serializers.CharField()


def _schema_field(field: Field) -> serializers.Field:
    """How the OpenAPI document describes one interchange field's value."""
    match field.kind:
        case Kind.IDENTIFIER:
            return serializers.CharField(help_text=_("The page's ID in partner systems."))
        case Kind.TEXT | Kind.EMAIL:
            return serializers.CharField(allow_blank=True)
        case Kind.HTML:
            return serializers.CharField(
                allow_blank=True, help_text=_("HTML, limited to what the editor can write.")
            )
        case Kind.DATE | Kind.PUBLISHED:
            return serializers.DateField(allow_null=not field.required)
        case Kind.CHOICE | Kind.VISIBILITY:
            return serializers.ChoiceField(choices=field.choices)
        case Kind.TERM:
            return serializers.SlugField(allow_null=True)
        case Kind.TERMS:
            return serializers.ListField(child=serializers.SlugField())
        case Kind.MUNICIPALITIES:
            return serializers.ListField(child=serializers.CharField(), help_text=_("CBS codes."))
        case Kind.CASES:
            return serializers.ListField(
                child=serializers.CharField(), help_text=_("External IDs of casusbladen.")
            )
        case Kind.OWNER:
            return OwnerSerializer(help_text=_("The owning municipality."))
    raise AssertionError(f"no schema for {field.kind}")


def _documented_fields(record_type: RecordType) -> dict[str, serializers.Field]:
    """The serializer fields of `record_type`'s table, nested groups as nested serializers."""
    top: dict[str, Any] = {"type": serializers.ChoiceField(choices=[record_type.name])}
    groups: dict[str, dict[str, serializers.Field]] = {}
    for field in record_type.fields:
        if len(field.path) == 1:
            top[camel(field.path[0])] = _schema_field(field)
        else:
            group, key = field.path
            groups.setdefault(group, {})[camel(key)] = _schema_field(field)
    for group, fields in groups.items():
        name = f"{record_type.name.capitalize()}{group.capitalize()}Serializer"
        nested = type(name, (serializers.Serializer,), fields)
        top[camel(group)] = nested(allow_null=group == MEMBERS_ONLY_GROUP)
    return top


@extend_schema_field(
    {"type": "object", "properties": {"self": link_schema()}, "required": ["self"]}
)
class SelfLinkSchema(serializers.Field):
    """Only describes `_links`; InterchangeRecordSerializer writes it."""


class InterchangeRecordSerializer(serializers.Serializer):
    """One live casusblad or les; `record_type` says which table drives it.

    Needs ``request`` and ``members`` (may the caller see members-only content) in
    its context.
    """

    record_type: RecordType

    def to_representation(self, page: MunicipalityOwnedPage) -> dict[str, Any]:
        request = self.context["request"]
        record = camel_keys(to_json(self.record_type, read_page(page, self.record_type)))
        if MEMBERS_ONLY_GROUP in record and not self.context["members"]:
            record[MEMBERS_ONLY_GROUP] = None
        record["municipality"] = OwnerSerializer(page.municipality).data
        path = reverse(DETAIL_ROUTES[self.record_type.name], args=[external_id_of(page)])
        record["url"] = request.build_absolute_uri(page.get_url(request))
        record["lastPublishedAt"] = serializers.DateTimeField().to_representation(
            page.last_published_at
        )
        record["_links"] = {"self": link(request.build_absolute_uri(path))}
        return record


def _serializer(record_type: RecordType, component: str) -> type[InterchangeRecordSerializer]:
    fields = {
        **_documented_fields(record_type),
        "url": AbsoluteUrlField(help_text=_("The page on the site.")),
        "lastPublishedAt": serializers.DateTimeField(
            help_text=_("When the page was last published: compare with modifiedSince.")
        ),
        "_links": SelfLinkSchema(read_only=True),
    }
    return type(
        f"{component}Serializer",
        (InterchangeRecordSerializer,),
        {
            "__doc__": f"A live {record_type.name}, keyed as in the interchange files.",
            "record_type": record_type,
            **fields,
        },
    )


CaseSerializer = _serializer(CASUSBLAD, "Casusblad")
LessonSerializer = _serializer(LES, "Les")


def api_pages(record_type: RecordType, reader) -> QuerySet:
    """The live pages of `record_type` that `reader` may see, loaded for the serializer.

    A constant number of queries for any number of pages. A les names only the
    casusbladen the reader may see: the Prefetch is given before readable_pages
    asks for ``related_cases``, and Django keeps the first lookup of a relation.
    """
    queryset = visible_pages(record_type.model.objects.all(), reader)
    if record_type is LES:
        visible_cases = visible_pages(CasePage.objects.all(), reader)
        queryset = queryset.prefetch_related(Prefetch("related_cases", queryset=visible_cases))
    return readable_pages(queryset, record_type)
