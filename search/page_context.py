"""What the search page shows around a SearchResponse: facet groups, chips, links.

Kept apart from the view so the template gets plain values (every address already
built, every label already chosen) and holds no logic beyond loops and ifs.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.urls import reverse

from cases.listings import Listing
from search.forms import FACET_LABELS, PAGE, PARAMETERS, SORT_LABELS, SORTS, SearchAddress
from search.service import MAX_WINDOW, FacetValue, SearchRequest, SearchResponse

# The order of the facet groups on the page: what readers filter on most comes first.
FACET_ORDER = (
    "type",
    "theme",
    "municipality",
    "province",
    "size_class",
    "year",
    "decentralisatie",
    "risico",
    "kans",
    "profiel",
    "status",
)
OPEN_FACETS = {"type", "theme"}  # open also when nothing is selected in them
# Facets whose values are content (term labels, place names), written in Dutch also
# where the interface is English; the others (type, size class, year, status) are
# translated with the interface.
CONTENT_FACETS = {
    "theme",
    "decentralisatie",
    "risico",
    "kans",
    "profiel",
    "municipality",
    "province",
}
RESULTS_ANCHOR = "resultaten"
# The question page takes its title from this parameter.
QUESTION_URL_NAME, QUESTION_TITLE = "questions:ask", "titel"


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    parameter: str
    values: list[FacetValue]

    @property
    def selected(self) -> int:
        return sum(value.selected for value in self.values)

    @property
    def open(self) -> bool:
        return self.name in OPEN_FACETS or bool(self.selected)

    @property
    def content_language(self) -> str:
        return "nl" if self.name in CONTENT_FACETS else ""


@dataclass(frozen=True)
class Chip:
    """One active filter, as a link that removes it."""

    facet_label: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class SortOption:
    label: str
    url: str
    current: bool


def last_page(search: SearchRequest, total: int) -> int:
    """The last page a reader can reach: within the total and the bounded window."""
    reachable = min(total, MAX_WINDOW)
    return max((reachable + search.page_size - 1) // search.page_size, 1)


def facet_groups(response: SearchResponse) -> list[FacetGroup]:
    return [
        FacetGroup(name, str(FACET_LABELS[name]), PARAMETERS[name], response.facets[name])
        for name in FACET_ORDER
        if response.facets.get(name)
    ]


def chips(search: SearchRequest, response: SearchResponse) -> list[Chip]:
    address = SearchAddress(search)
    labels = {
        (name, value.value): value.label
        for name, values in response.facets.items()
        for value in values
    }
    return [
        Chip(
            str(FACET_LABELS[name]), labels.get((name, value), value), address.without(name, value)
        )
        for name in FACET_ORDER
        for value in search.filters.get(name, ())
    ]


def sort_options(search: SearchRequest) -> list[SortOption]:
    address = SearchAddress(search)
    return [
        SortOption(str(SORT_LABELS[name]), address.url(sort=name), name == search.sort)
        for name in SORTS
    ]


def listing(search: SearchRequest, response: SearchResponse) -> Listing:
    """The pagination bar's model (cases.listings.Listing), over the reachable window."""
    reachable = min(response.total, MAX_WINDOW)
    page = Paginator(range(reachable), search.page_size).get_page(search.page)
    return Listing(page, 0, PAGE, RESULTS_ANCHOR, SearchAddress(search).query_dict())


def question_url(query: str) -> str:
    """ "Ask a question" (the questions app's page) with the search as its title."""
    base = reverse(QUESTION_URL_NAME)
    return f"{base}?{urlencode({QUESTION_TITLE: query})}" if query else base


def page_context(search: SearchRequest, response: SearchResponse) -> dict:
    address = SearchAddress(search)
    first = search.offset + 1
    return {
        "search": search,
        "response": response,
        "hits": response.hits,
        "facet_groups": facet_groups(response),
        "chips": chips(search, response),
        "clear_filters_url": address.without_filters() if search.filters else "",
        "sort_options": sort_options(search),
        "sort_value": SORTS[search.sort] if search.sort != "relevance" else "",
        "listing": listing(search, response),
        "first": first,
        "last": search.offset + len(response.hits),
        "did_you_mean_url": address.url(q=response.did_you_mean) if response.did_you_mean else "",
        "question_url": question_url(search.q) if not response.total else None,
        "hide_header_search": True,  # the page's own search box is the header's
    }
