"""Search as the page, the API and question routing call it.

One interface whatever answers: Elasticsearch when it is configured and up, the
database otherwise (``degraded=True`` when a configured cluster failed), so callers
never branch on the backend. A configured cluster gets a short budget
(SEARCH_TIMEOUT): a slow or dead node costs a visitor two seconds at most.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from elasticsearch.exceptions import ApiError, TransportError

from search import client

logger = logging.getLogger(__name__)

FACETS = (
    "type",
    "theme",
    "decentralisatie",
    "risico",
    "kans",
    "municipality",
    "province",
    "size_class",
    "profiel",
    "year",
    "status",
)
SORTS = ("relevance", "newest")
MAX_PAGE_SIZE = 50
MAX_WINDOW = 1000  # page * page_size: deep paging is a scraper's need, not a reader's
SEARCH_TIMEOUT = 2.0  # seconds for one Elasticsearch call before the fallback answers


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    members: bool = False  # True: the caller may see members-only pages
    questions: bool = False  # True: resolved questions are found too, not only pages
    question_members: bool = False  # True: members-only resolved questions too
    # True: ``q`` is a whole text (a draft question), not what a reader typed in the
    # search box, so no page has to share most of its words (queries.coverage_filter).
    whole_text: bool = False

    def __post_init__(self) -> None:
        # Bounded here once, so no backend can be asked for an unbounded window.
        size = min(max(int(self.page_size), 1), MAX_PAGE_SIZE)
        page = min(max(int(self.page), 1), max(MAX_WINDOW // size, 1))
        filters = {
            name: tuple(dict.fromkeys(str(value) for value in values if str(value)))
            for name, values in (self.filters or {}).items()
            if name in FACETS
        }
        object.__setattr__(self, "page_size", size)
        object.__setattr__(self, "page", page)
        object.__setattr__(self, "sort", self.sort if self.sort in SORTS else "relevance")
        object.__setattr__(self, "filters", {k: v for k, v in filters.items() if v})
        object.__setattr__(self, "q", " ".join(str(self.q or "").split())[:200])

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    page_id: int | None  # None: a resolved question (question_id)
    external_id: str | None
    url: str
    type: str
    title: str
    summary: str
    municipality_code: str
    municipality_name: str
    year: int | None
    highlights: dict[str, list[str]]
    score: float | None
    question_id: int | None = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResponse:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    did_you_mean: str | None
    degraded: bool  # True: answered by the database fallback although ES is configured


@dataclass(frozen=True)
class DocumentMatch:
    """One page that matches a text, for ranking its municipality (question routing)."""

    page_id: int
    type: str
    title: str
    url: str
    municipality_code: str
    score: float  # the backend's own score: comparable within one answer only
    themes: tuple[str, ...]  # theme slugs
    members_only: bool


@dataclass(frozen=True)
class Suggestion:
    """One completion: a page title (with its address) or a taxonomy term label."""

    text: str
    kind: str  # "page" | "term"
    url: str | None = None


# Everything a failing cluster raises: refused, timed out, missing index, bad gateway.
_ES_FAILURES = (TransportError, ApiError, client.ElasticsearchNotConfigured)


def _with_fallback(name: str, elasticsearch_call, database_call):
    if not client.is_configured():
        return database_call(degraded=False)
    try:
        return elasticsearch_call()
    except _ES_FAILURES as error:
        logger.warning(
            "search: Elasticsearch %s failed, answering from the database: %s", name, error
        )
        return database_call(degraded=True)


def search(request: SearchRequest) -> SearchResponse:
    from search import es_search, fallback

    return _with_fallback(
        "search",
        lambda: es_search.search(request),
        lambda degraded: fallback.search(request, degraded=degraded),
    )


def suggest(prefix: str, *, members: bool, limit: int = 8) -> list[Suggestion]:
    from search import es_search, fallback

    prefix = " ".join(str(prefix or "").split())[:100]
    limit = min(max(limit, 1), 20)
    if len(prefix) < 2:
        return []
    return _with_fallback(
        "suggest",
        lambda: es_search.suggest(prefix, members=members, limit=limit),
        lambda degraded: fallback.suggest(prefix, members=members, limit=limit),
    )


def related(page, *, members: bool, limit: int = 4) -> list[Hit]:
    """Casusbladen like ``page``; from taxonomy overlap in the database when ES is down."""
    from search import es_search, fallback

    limit = min(max(limit, 1), 20)
    return _with_fallback(
        "related",
        lambda: es_search.related(page, members=members, limit=limit),
        lambda degraded: fallback.related(page, members=members, limit=limit),
    )


MAX_MATCH_MUNICIPALITIES = 400  # more than the 342 municipalities: none is cut off
MAX_MATCH_PER_MUNICIPALITY = 5


def match_documents(
    text: str, *, members: bool, municipalities: int = 100, per_municipality: int = 3
) -> list[DocumentMatch]:
    """The best pages for a text, at most ``per_municipality`` of each municipality.

    What routing needs: not the ten best pages overall, but each municipality's best
    few, so several good pages of one municipality can outweigh one lucky hit of
    another. Best first; the same Dutch analysis and synonyms as search.
    """
    from search import es_search, fallback

    text = " ".join(str(text or "").split())[:2000]
    municipalities = min(max(municipalities, 1), MAX_MATCH_MUNICIPALITIES)
    per_municipality = min(max(per_municipality, 1), MAX_MATCH_PER_MUNICIPALITY)
    if not text:
        return []
    options = {
        "members": members,
        "municipalities": municipalities,
        "per_municipality": per_municipality,
    }
    return _with_fallback(
        "match",
        lambda: es_search.match_documents(text, **options),
        lambda degraded: fallback.match_documents(text, **options),
    )
