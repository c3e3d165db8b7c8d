"""The search page's query string, read into a search.service.SearchRequest and back.

The address is the state of a search (no session, no JavaScript needed), so every
link on the page (a filter chip, a sort order, a page number, "did you mean") is
the current query string with one thing changed. The parameters are Dutch, as the
site's other addresses are (``?q=mantelzorg&thema=jeugdhulp&pagina=2``); anything
the page does not know (an unknown parameter, ``pagina=abc``) is ignored, never an
error: a visitor following an old or hand-edited link still gets a search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from search.service import SearchRequest

QUERY, SORT, PAGE = "q", "sortering", "pagina"
PAGE_SIZE = 10
MAX_VALUES = 20  # per facet: more selected values is not a search anyone makes
MAX_VALUE_LENGTH = 100

# Facet name (search.service.FACETS) -> its query parameter.
PARAMETERS = {
    "type": "type",
    "theme": "thema",
    "decentralisatie": "decentralisatie",
    "risico": "risico",
    "kans": "kans",
    "municipality": "gemeente",
    "province": "provincie",
    "size_class": "grootte",
    "profiel": "profiel",
    "year": "jaar",
    "status": "status",
}
FACET_LABELS = {
    "type": _("Type"),
    "theme": _("Theme"),
    "decentralisatie": _("Decentralisation"),
    "risico": _("Risk"),
    "kans": _("Opportunity"),
    "municipality": _("Municipality"),
    "province": _("Province"),
    "size_class": _("Size class"),
    "profiel": _("Organisation profile"),
    "year": _("Year"),
    "status": _("Status"),
}
# Service sort name -> the value in the address.
SORTS = {"relevance": "relevantie", "newest": "nieuwste"}
SORT_LABELS = {"relevance": _("Relevance"), "newest": _("Newest first")}


def _page_number(raw: str | None) -> int:
    try:
        return max(int(raw or 1), 1)
    except ValueError:
        return 1


def _values(raw: Iterable[str]) -> list[str]:
    cleaned = (value.strip()[:MAX_VALUE_LENGTH] for value in raw)
    return list(dict.fromkeys(value for value in cleaned if value))[:MAX_VALUES]


def search_request(
    query: QueryDict, *, members: bool, question_members: bool = False, page: int | None = None
) -> SearchRequest:
    """The search the query string asks for; ``members``: the reader may see members-only
    pages, ``question_members``: members-only resolved questions."""
    sort = next((name for name, value in SORTS.items() if value == query.get(SORT)), "relevance")
    return SearchRequest(
        q=query.get(QUERY, ""),
        filters={
            facet: values
            for facet, parameter in PARAMETERS.items()
            if (values := _values(query.getlist(parameter)))
        },
        sort=sort,
        page=page if page is not None else _page_number(query.get(PAGE)),
        page_size=PAGE_SIZE,
        members=members,
        questions=True,  # the search page finds resolved questions beside the pages
        question_members=question_members,
    )


@dataclass(frozen=True)
class SearchAddress:
    """A search as an address, to derive the page's links from.

    Built from the SearchRequest (not the raw query string), so a link never carries
    a parameter the page ignored.
    """

    request: SearchRequest

    def query_dict(self, *, q: str | None = None, filters=None, sort: str | None = None):
        params = QueryDict(mutable=True)
        text = self.request.q if q is None else q
        if text:
            params[QUERY] = text
        for facet, values in (self.request.filters if filters is None else filters).items():
            params.setlist(PARAMETERS[facet], list(values))
        sort = self.request.sort if sort is None else sort
        if sort != "relevance":
            params[SORT] = SORTS[sort]
        return params

    def url(self, **changes) -> str:
        encoded = self.query_dict(**changes).urlencode()
        return f"?{encoded}" if encoded else "?"

    def without(self, facet: str, value: str | None = None) -> str:
        """This search without one selected value (or the whole facet when None)."""
        filters = {name: list(values) for name, values in self.request.filters.items()}
        kept = [v for v in filters.pop(facet, []) if value is not None and v != value]
        if kept:
            filters[facet] = kept
        return self.url(filters=filters)

    def without_filters(self) -> str:
        return self.url(filters={})
