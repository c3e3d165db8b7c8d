"""Search on the database, for the embedded default and when Elasticsearch is down.

The same request gives the same kind of answer as Elasticsearch: the same page set
(search.documents.indexable_querysets, so visibility is decided in one place), the
same multi-select facets, sort and paging, highlights with ``<mark>`` only. The
matching is simpler: every query word, crudely stemmed (so "mantelzorgers" finds
"mantelzorg", and a part finds its compound), or one of its synonyms, must occur
as a substring in the title, summary or text; titles weigh most. That works on
SQLite and PostgreSQL alike, which ``make demo`` needs.

Cost per search: one statement over the fallback's search table (one row per
visible page, kept in step by search.fallback_table) and the trigram text index
(search.fulltext: FTS5 on SQLite, pg_trgm on PostgreSQL), built by
search.fallback_query: it scores, filters and orders the matching pages and counts
their facet values the multi-select way (each facet counted under every filter but
its own); then one query for labels and one per model for the page of hits.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db.models import IntegerField, QuerySet, Value
from django.utils import translation

from cases.models import CasePage, LessonPage, Term
from search import facets, fallback_query, highlights, query_text
from search.documents import CASE, CASE_TERM_FIELDS, LESSON, SECTION_FIELDS, indexable_querysets
from search.fallback_words import word_groups
from search.service import DocumentMatch, Hit, SearchRequest, SearchResponse, Suggestion

MODELS = {CASE: CasePage, LESSON: LessonPage}


def _base(model_type: str, members: bool) -> QuerySet:
    queryset = indexable_querysets()[MODELS[model_type]].prefetch_related(None)
    return queryset if members else queryset.filter(members_only_inherited=False)


def _url(page) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return page.get_url() or ""


def _highlights(page, kind: str, stems: list[str]) -> dict[str, list[str]]:
    texts = {"title": page.title, "summary": page.summary}
    if kind == CASE:
        texts |= {
            f"sections.{name}": highlights.plain_text(getattr(page, attr))
            for attr, name in SECTION_FIELDS.items()
        }
    else:
        texts["body"] = highlights.plain_text(page.body)
    found = {}
    for name, text in texts.items():
        fragment = highlights.mark_words(text, stems, size=10_000 if name == "title" else 160)
        if fragment:
            found[name] = [fragment]
    return found


def to_hit(page, kind: str, *, score: float | None, stems: list[str]) -> Hit:
    municipality = page.municipality
    year = (
        page.period_start.year
        if kind == CASE
        else (page.first_published_at.year if page.first_published_at else None)
    )
    return Hit(
        page_id=page.pk,
        external_id=page.external_id,
        url=_url(page),
        type=kind,
        title=page.title,
        summary=page.summary,
        municipality_code=municipality.cbs_code,
        municipality_name=municipality.name,
        year=year,
        highlights=_highlights(page, kind, stems),
        score=score,
    )


def _load(window: list[tuple[int, str]]) -> dict[int, object]:
    """The pages of (page id, type) pairs, one query per type."""
    pages = {}
    for kind, model in MODELS.items():
        ids = [page_id for page_id, of_kind in window if of_kind == kind]
        if ids:
            pages.update(
                {
                    page.pk: page
                    for page in model.objects.filter(pk__in=ids).select_related("municipality")
                }
            )
    return pages


def search(request: SearchRequest, *, degraded: bool) -> SearchResponse:
    parsed = query_text.parse(request.q)
    found = fallback_query.search_page(
        parsed,
        members=request.members,
        filters=request.filters,
        by_score=bool(request.q) and request.sort != "newest",
        offset=request.offset,
        size=request.page_size,
        facet_names=facets.FIELDS,
    )
    pages = _load([(page_id, kind) for page_id, kind, _score in found.hits])
    stems = [alt for group in word_groups(parsed) for alt in group]
    hits = [
        to_hit(pages[page_id], kind, score=float(score) if request.q else None, stems=stems)
        for page_id, kind, score in found.hits
        if page_id in pages
    ]
    return SearchResponse(
        total=found.total,
        hits=hits,
        facets=facets.facet_values(found.counts, request.filters),
        did_you_mean=None,
        degraded=degraded,
    )


def suggest(prefix: str, *, members: bool, limit: int) -> list[Suggestion]:
    """Term labels of visible pages, then titles of visible pages, containing the prefix."""
    term_ids: set[int] = set()
    titles: list[Suggestion] = []
    for kind, model in MODELS.items():
        visible = _base(kind, members)
        for relation in ["themes", *CASE_TERM_FIELDS] if kind == CASE else ["themes"]:
            through = getattr(model, relation).through
            owner = f"{model._meta.model_name}_id"
            term_ids.update(
                through.objects.filter(**{f"{owner}__in": visible.values("pk")}).values_list(
                    "term_id", flat=True
                )
            )
        for page in visible.filter(title__icontains=prefix).order_by("-first_published_at")[:limit]:
            titles.append(Suggestion(page.title, "page", _url(page)))
    labels = Term.objects.filter(pk__in=term_ids, label__icontains=prefix).values_list(
        "label", flat=True
    )
    terms = [Suggestion(label, "term") for label in dict.fromkeys(labels)][: max(limit // 2, 1)]
    return (terms + titles)[:limit]


def related(page, *, members: bool, limit: int) -> list[Hit]:
    """Visible casusbladen sharing the most taxonomy terms with ``page``, newest first."""
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    relations = ["themes", *CASE_TERM_FIELDS] if isinstance(page, CasePage) else ["themes"]
    overlap = Value(0)
    for relation in relations:
        through = getattr(CasePage, relation).through
        terms = list(getattr(page, relation).values_list("pk", flat=True))
        shared = (
            through.objects.filter(casepage_id=OuterRef("pk"), term_id__in=terms)
            .values("casepage_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        overlap = overlap + Coalesce(Subquery(shared, output_field=IntegerField()), Value(0))
    candidates = (
        _base(CASE, members)
        .exclude(pk=page.pk)
        .annotate(overlap=overlap)
        .filter(overlap__gt=0)
        .select_related("municipality")
        .order_by("-overlap", "-first_published_at", "pk")[:limit]
    )
    return [to_hit(case, CASE, score=None, stems=[]) for case in candidates]


MATCH_WORDS = 60  # a question's first words: enough to say what it is about


def match_documents(
    text: str, *, members: bool, municipalities: int, per_municipality: int
) -> list[DocumentMatch]:
    """Each municipality's best pages for a text, by the same word matching as search."""
    parsed = query_text.parse(" ".join(text.split()[:MATCH_WORDS]))
    if not word_groups(parsed):
        return []
    rows = fallback_query.matches(parsed, members=members)
    kept: list[fallback_query.Match] = []
    per = Counter()
    for row in sorted(rows, key=lambda row: (-row.score, row.page_id)):
        code = row.municipality_code
        if per[code] < per_municipality and (code in per or len(per) < municipalities):
            per[code] += 1
            kept.append(row)
    pages = _load([(row.page_id, row.kind) for row in kept])
    themes = fallback_query.values_of([row.page_id for row in kept], "theme")
    return [
        DocumentMatch(
            page_id=row.page_id,
            type=row.kind,
            title=pages[row.page_id].title,
            url=_url(pages[row.page_id]),
            municipality_code=row.municipality_code,
            score=float(row.score),
            themes=tuple(sorted(themes.get(row.page_id, ()))),
            members_only=row.members_only,
        )
        for row in kept
        if row.page_id in pages
    ]
