"""Paging the ADR way: `page` and `pageSize` in the query, HAL links in the body.

A page carries `_links` (self, first, last, and prev/next where they exist),
its items under `_embedded.<name>`, and `total`; the headers `X-Total-Count`,
`X-Pagination-Page` and `X-Pagination-Limit` say the same for clients that read
headers only. Bad numbers are a 400 with `invalidParams`; a page past the last
is a 404.
"""

from typing import Any

from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageParams(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, default=1)
    pageSize = serializers.IntegerField(
        min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE
    )


def link(href: str) -> dict[str, str]:
    return {"href": href}


def link_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"href": {"type": "string", "format": "uri"}},
        "required": ["href"],
    }


class HalPagination(BasePagination):
    """Use `HalPagination.named("gemeenten")` as a view's pagination_class."""

    embedded_name = "items"

    @classmethod
    def named(cls, embedded_name: str) -> type["HalPagination"]:
        return type(f"{cls.__name__}_{embedded_name}", (cls,), {"embedded_name": embedded_name})

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list:
        params = PageParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        self.request = request
        self.page_size = params.validated_data["pageSize"]
        paginator = Paginator(queryset, self.page_size)
        try:
            self.page = paginator.page(params.validated_data["page"])
        except InvalidPage as error:
            raise exceptions.NotFound(_("This page does not exist.")) from error
        return list(self.page.object_list)

    def _url(self, number: int) -> str:
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, "page")
        return replace_query_param(url, "page", number)

    def get_paginated_response(self, data: list) -> Response:
        page, paginator = self.page, self.page.paginator
        links = {
            "self": link(self._url(page.number)),
            "first": link(self._url(1)),
            "last": link(self._url(paginator.num_pages)),
        }
        if page.has_previous():
            links["prev"] = link(self._url(page.previous_page_number()))
        if page.has_next():
            links["next"] = link(self._url(page.next_page_number()))
        body = {"_links": links, "_embedded": {self.embedded_name: data}, "total": paginator.count}
        headers = {
            "X-Total-Count": str(paginator.count),
            "X-Pagination-Page": str(page.number),
            "X-Pagination-Limit": str(self.page_size),
        }
        return Response(body, headers=headers)

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": str(_("Page number, from 1.")),
                "schema": {"type": "integer", "minimum": 1, "default": 1},
            },
            {
                "name": "pageSize",
                "in": "query",
                "required": False,
                "description": str(_("Items per page.")),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                },
            },
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        links = {name: link_schema() for name in ("self", "first", "last", "prev", "next")}
        return {
            "type": "object",
            "required": ["_links", "_embedded", "total"],
            "properties": {
                "_links": {
                    "type": "object",
                    "properties": links,
                    "required": ["self", "first", "last"],
                },
                "_embedded": {
                    "type": "object",
                    "properties": {self.embedded_name: schema},
                    "required": [self.embedded_name],
                },
                "total": {"type": "integer", "minimum": 0},
            },
        }
