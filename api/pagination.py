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


def page_size_field() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE)


class PageParams(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, default=1)
    pageSize = page_size_field()


def link(href: str) -> dict[str, str]:
    return {"href": href}


def link_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"href": {"type": "string", "format": "uri"}},
        "required": ["href"],
    }


def _page_url(request: Request, number: int) -> str:
    url = request.build_absolute_uri()
    if number == 1:
        return remove_query_param(url, "page")
    return replace_query_param(url, "page", number)


def page_links(request: Request, number: int, num_pages: int) -> dict[str, dict[str, str]]:
    """HAL links of page ``number`` of ``num_pages`` (at least 1), keeping the query."""
    links = {
        "self": link(_page_url(request, number)),
        "first": link(_page_url(request, 1)),
        "last": link(_page_url(request, num_pages)),
    }
    if number > 1:
        links["prev"] = link(_page_url(request, number - 1))
    if number < num_pages:
        links["next"] = link(_page_url(request, number + 1))
    return links


def page_headers(total: int, number: int, size: int) -> dict[str, str]:
    return {
        "X-Total-Count": str(total),
        "X-Pagination-Page": str(number),
        "X-Pagination-Limit": str(size),
    }


def page_links_schema() -> dict[str, Any]:
    links = {name: link_schema() for name in ("self", "first", "last", "prev", "next")}
    return {"type": "object", "properties": links, "required": ["self", "first", "last"]}


def page_size_parameter() -> dict[str, Any]:
    """The `pageSize` query parameter, the same for page-number and cursor paging."""
    return {
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

    def get_paginated_response(self, data: list) -> Response:
        page, paginator = self.page, self.page.paginator
        body = {
            "_links": page_links(self.request, page.number, paginator.num_pages),
            "_embedded": {self.embedded_name: data},
            "total": paginator.count,
        }
        return Response(body, headers=page_headers(paginator.count, page.number, self.page_size))

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": str(_("Page number, from 1.")),
                "schema": {"type": "integer", "minimum": 1, "default": 1},
            },
            page_size_parameter(),
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["_links", "_embedded", "total"],
            "properties": {
                "_links": page_links_schema(),
                "_embedded": {
                    "type": "object",
                    "properties": {self.embedded_name: schema},
                    "required": [self.embedded_name],
                },
                "total": {"type": "integer", "minimum": 0},
            },
        }
