"""Search on the database, for the embedded default and when Elasticsearch is down.

The same request gives the same kind of answer as Elasticsearch: the same page set
(search.documents.indexable_querysets, so visibility is decided in one place), the
same multi-select facets, sort and paging, highlights with ``<mark>`` only. The
matching is simpler: every query word, crudely stemmed (so "mantelzorgers" finds
"mantelzorg", and a part finds its compound), or one of its synonyms, must occur
as a substring in the title, summary or text; titles weigh most. That works on
SQLite and PostgreSQL alike, which ``make demo`` needs.

Cost per search: the substrings are looked up in a trigram index
(search.fulltext: FTS5 on SQLite, pg_trgm on PostgreSQL), one lookup per word
group and column, so no page's text is scanned; then one query per page model for
the matching rows and their single-valued facets, one per many-to-many vocabulary
relation, one for labels, and one per model for the page of hits. Facet counts
are computed from the matching rows in Python, the multi-select way (each facet
counted under every filter but its own).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import ExtractYear
from django.utils import translation

from cases.models import CasePage, LessonPage, Term
from municipalities.size_classes import size_class_for
from search import facets, fulltext, highlights, query_text
from search.documents import CASE, CASE_TERM_FIELDS, LESSON, SECTION_FIELDS, indexable_querysets
from search.fallback_words import word_groups
from search.service import DocumentMatch, Hit, SearchRequest, SearchResponse, Suggestion

WEIGHTS = {"title": 3, "summary": 2, "text": 1}
MODELS = {CASE: CasePage, LESSON: LessonPage}
TERM_FIELD_FACETS = {
    "themes": "theme",
    **dict(zip(CASE_TERM_FIELDS, ("decentralisatie", "risico", "kans"), strict=True)),
}


def _text_weights(groups: list[list[str]]) -> list[dict[int, int]]:
    """Per word group, each page holding one of its strings: the weight of its best column."""
    per_group = []
    for group in groups:
        weights: dict[int, int] = {}
        for column, weight in sorted(WEIGHTS.items(), key=lambda item: item[1]):
            weights.update(dict.fromkeys(fulltext.matching_ids(column, group), weight))
        per_group.append(weights)
    return per_group


def _base(model_type: str, members: bool) -> QuerySet:
    queryset = indexable_querysets()[MODELS[model_type]].prefetch_related(None)
    return queryset if members else queryset.filter(members_only_inherited=False)


@dataclass
class _Row:
    page_id: int
    kind: str
    score: int
    published: object
    values: dict[str, set[str]] = field(default_factory=dict)
    members_only: bool = False


def _rows(model_type: str, parsed, members: bool, weights: list[dict[int, int]]) -> dict[int, _Row]:
    groups = word_groups(parsed)
    towns = [{alt.title() for alt in group} for group in groups]
    queryset = _base(model_type, members)
    if groups and model_type not in parsed.types:
        # Only pages that can score: a word in their text or their municipality's name.
        candidates = set().union(*weights)
        queryset = queryset.filter(
            Q(pk__in=fulltext.among(candidates)) | Q(municipality__name__in=set().union(*towns))
        )
    bonus = 1 if model_type in parsed.types else 0
    is_case = model_type == CASE
    year = ExtractYear("period_start" if is_case else "first_published_at")
    columns = {
        "code": F("municipality__cbs_code"),
        "town": F("municipality__name"),
        "province_name": F("municipality__province"),
        "population": F("municipality__population"),
        "year_value": year,
    }
    if is_case:
        columns |= {"status_value": F("status"), "profile_slug": F("profile__slug")}
    rows = {}
    for record in queryset.values("pk", "first_published_at", "members_only_inherited", **columns):
        pk = record["pk"]
        # Per group the best column, else the municipality's name (as ES boosts it).
        score = bonus + sum(
            found.get(pk) or (2 if record["town"] in names else 0)
            for found, names in zip(weights, towns, strict=True)
        )
        if groups and not score:
            continue
        values = {
            "type": {model_type},
            "municipality": {record["code"]},
            "province": {record["province_name"]},
            "size_class": {str(size_class_for(record["population"]).value)},
            "year": {str(record["year_value"])} if record["year_value"] else set(),
        }
        if is_case:
            values["status"] = {record["status_value"]}
            values["profiel"] = {record["profile_slug"]} if record["profile_slug"] else set()
        rows[pk] = _Row(
            pk,
            model_type,
            score,
            record["first_published_at"],
            values,
            record["members_only_inherited"],
        )
    model = MODELS[model_type]
    relations = ["themes", *CASE_TERM_FIELDS] if is_case else ["themes"]
    for relation in relations:
        through = getattr(model, relation).through
        owner = f"{model._meta.model_name}_id"
        pairs = through.objects.filter(**{f"{owner}__in": fulltext.among(rows)}).values_list(
            owner, "term__slug"
        )
        for page_id, slug in pairs:
            rows[page_id].values.setdefault(TERM_FIELD_FACETS[relation], set()).add(slug)
    return rows


def _passes(row: _Row, filters, skip: str | None = None) -> bool:
    return all(
        name == skip or row.values.get(name, set()) & set(values)
        for name, values in filters.items()
    )


def _counts(rows: list[_Row], filters) -> dict[str, Counter]:
    """Multi-select counts in one pass: a row counts for every facet when it passes all
    filters, only for the one facet whose filter it fails when it fails one, else not."""
    counts: dict[str, Counter] = {name: Counter() for name in facets.FIELDS}
    wanted = {name: set(values) for name, values in filters.items()}
    for row in rows:
        failed = [
            name for name, values in wanted.items() if not row.values.get(name, set()) & values
        ]
        counted = facets.FIELDS if not failed else failed if len(failed) == 1 else ()
        for name in counted:
            if name in counts:  # a filter on something that is not a facet counts nowhere
                for value in row.values.get(name, ()):
                    counts[name][value] += 1
    return counts


def _order(rows: list[_Row], request: SearchRequest) -> list[_Row]:
    newest = sorted(
        rows, key=lambda row: (row.published is not None, row.published, row.page_id), reverse=True
    )
    if request.sort == "newest" or not request.q:
        return newest
    return sorted(newest, key=lambda row: row.score, reverse=True)  # stable: newest breaks ties


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


def _load(window: list[_Row]) -> dict[int, object]:
    pages = {}
    for kind, model in MODELS.items():
        ids = [row.page_id for row in window if row.kind == kind]
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
    weights = _text_weights(word_groups(parsed))
    rows: list[_Row] = []
    for kind in MODELS:
        rows.extend(_rows(kind, parsed, request.members, weights).values())
    matching = [row for row in rows if _passes(row, request.filters)]
    ordered = _order(matching, request)
    window = ordered[request.offset : request.offset + request.page_size]
    pages = _load(window)
    stems = [alt for group in word_groups(parsed) for alt in group]
    hits = [
        to_hit(
            pages[row.page_id], row.kind, score=float(row.score) if request.q else None, stems=stems
        )
        for row in window
        if row.page_id in pages
    ]
    return SearchResponse(
        total=len(matching),
        hits=hits,
        facets=facets.facet_values(_counts(rows, request.filters), request.filters),
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
    weights = _text_weights(word_groups(parsed))
    rows: list[_Row] = []
    for kind in MODELS:
        rows.extend(_rows(kind, parsed, members, weights).values())
    kept: list[_Row] = []
    per = Counter()
    for row in sorted(rows, key=lambda row: (-row.score, row.page_id)):
        code = next(iter(row.values["municipality"]))
        if per[code] < per_municipality and (code in per or len(per) < municipalities):
            per[code] += 1
            kept.append(row)
    pages = _load(kept)
    return [
        DocumentMatch(
            page_id=row.page_id,
            type=row.kind,
            title=pages[row.page_id].title,
            url=_url(pages[row.page_id]),
            municipality_code=next(iter(row.values["municipality"])),
            score=float(row.score),
            themes=tuple(sorted(row.values.get("theme", ()))),
            members_only=row.members_only,
        )
        for row in kept
        if row.page_id in pages
    ]
