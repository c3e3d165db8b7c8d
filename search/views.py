"""The search page (/zoeken/) and its suggest-as-you-type endpoint.

Both ask search.service, which enforces visibility in the query itself: the reader
may see members-only pages when logged in, the rule of cases.visibility.
"""

from __future__ import annotations

import dataclasses
import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from search import service
from search.documents import QUESTION
from search.forms import QUERY, search_request
from search.page_context import last_page, page_context
from search.query_log import log_search
from search.service import SearchRequest, SearchResponse
from search.sources import sees_members_only

logger = logging.getLogger(__name__)


def _may_see_members_only(request: HttpRequest) -> bool:
    # cases.visibility.visible_pages: logged-in readers see members-only pages.
    return request.user.is_authenticated


def _record(search: SearchRequest, response: SearchResponse) -> None:
    """One insert into the anonymised query log; a failure never costs the reader the page."""
    try:
        log_search(search, response.total)
    except Exception:
        logger.exception("search: could not record the search")


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    asked = search_request(
        request.GET,
        members=_may_see_members_only(request),
        question_members=sees_members_only(QUESTION, request.user),
    )
    search, response = asked, service.search(asked)
    if not response.hits and response.total and search.page > 1:
        # An old link past the end (the content shrank): show the last page instead.
        search = dataclasses.replace(search, page=last_page(search, response.total))
        response = service.search(search)
    _record(asked, response)  # as asked: a later page is not a new search
    template_response = TemplateResponse(
        request, "search/search_page.html", page_context(search, response)
    )
    # Members see other hits than visitors: no shared cache may keep one for the other.
    patch_cache_control(template_response, private=True)
    return template_response


@require_safe
def suggestions(request: HttpRequest) -> HttpResponse:
    found = service.suggest(request.GET.get(QUERY, ""), members=_may_see_members_only(request))
    response = JsonResponse(
        {"suggestions": [{"text": item.text, "kind": item.kind, "url": item.url} for item in found]}
    )
    # A members-only title typed on a shared computer must not come back from its cache
    # after logging out.
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response
