"""Cursor paging for the lists partner systems synchronise: `cursor` and `pageSize`.

A page-number list shifts under a client that walks it while editors publish: a
page published meanwhile pushes an item onto the next page twice, or past it. A
cursor names the last item seen in a fixed order, (last publication, id), so a
walk from the first page to the last returns every item exactly once, and a page
republished during the walk simply comes again at the end, which is what an
incremental sync wants. The cursor is opaque to clients (base64 of that position)
and there is no page count, which would cost a count query per page.

Links are HAL like every list of this API (api.pagination's helpers): `self`, and
`next` while there is more.
"""

import base64
import binascii
import datetime
import json
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from api.pagination import link, link_schema, page_size_field, page_size_parameter

CURSOR_PARAM = "cursor"
ORDERING = ("last_published_at", "pk")


def encode_cursor(moment: datetime.datetime, pk: int) -> str:
    raw = json.dumps([moment.isoformat(), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime.datetime, int]:
    """The position a cursor names; ValueError for anything this API did not hand out."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment_text, pk = json.loads(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
        raise ValueError(cursor) from error
    moment = parse_datetime(moment_text) if isinstance(moment_text, str) else None
    if moment is None or moment.tzinfo is None or type(pk) is not int:
        raise ValueError(cursor)
    return moment, pk


class CursorField(serializers.CharField):
    def to_internal_value(self, data) -> tuple[datetime.datetime, int]:
        try:
            return decode_cursor(super().to_internal_value(data))
        except ValueError as error:
            raise exceptions.ValidationError(
                _("Not a cursor of this API; follow the next link."), code="invalid"
            ) from error


class CursorParams(serializers.Serializer):
    cursor = CursorField(required=False, max_length=200)
    pageSize = page_size_field()


def after(queryset: QuerySet, moment: datetime.datetime, pk: int) -> QuerySet:
    """The items after position (moment, pk) in the paging order."""
    return queryset.filter(Q(last_published_at__gt=moment) | Q(last_published_at=moment, pk__gt=pk))


class CursorHalPagination(BasePagination):
    """Use `CursorHalPagination.named("cases")` as a view's pagination_class.

    The queryset must hold items with a `last_published_at` (live pages do).
    """

    embedded_name = "items"

    @classmethod
    def named(cls, embedded_name: str) -> type["CursorHalPagination"]:
        return type(f"{cls.__name__}_{embedded_name}", (cls,), {"embedded_name": embedded_name})

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list:
        params = CursorParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        self.request = request
        size = params.validated_data["pageSize"]
        if position := params.validated_data.get("cursor"):
            queryset = after(queryset, *position)
        # One item more than the page says whether there is a next page, without a count.
        items = list(queryset.order_by(*ORDERING)[: size + 1])
        self.has_next = len(items) > size
        self.items = items[:size]
        return self.items

    def get_paginated_response(self, data: list) -> Response:
        url = self.request.build_absolute_uri()
        links = {"self": link(url)}
        if self.has_next:
            last = self.items[-1]
            cursor = encode_cursor(last.last_published_at, last.pk)
            links["next"] = link(replace_query_param(url, CURSOR_PARAM, cursor))
        return Response({"_links": links, "_embedded": {self.embedded_name: data}})

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        return [
            {
                "name": CURSOR_PARAM,
                "in": "query",
                "required": False,
                "description": str(
                    _("Where the page starts: take it from the next link; leave it out at first.")
                ),
                "schema": {"type": "string", "maxLength": 200},
            },
            page_size_parameter(),
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["_links", "_embedded"],
            "properties": {
                "_links": {
                    "type": "object",
                    "properties": {"self": link_schema(), "next": link_schema()},
                    "required": ["self"],
                },
                "_embedded": {
                    "type": "object",
                    "properties": {self.embedded_name: schema},
                    "required": [self.embedded_name],
                },
            },
        }
