"""Keeping the fallback's search table (search.fallback_models) in step with the pages.

The table holds, per indexable page, what the fallback filters, counts and sorts on,
so a search reads one small table instead of deciding every matching page's
visibility over Wagtail's tree and view restrictions again.

How it stays in step, and why this way rather than with triggers: a row is
rewritten by ``refresh`` from ``indexable_querysets``, the same definition of
"which pages, visible to whom" that the Elasticsearch documents are built from, and
it is called by the same signal handlers that write the index's outbox
(search.signals: publish, unpublish, move, delete, view restriction, renamed term or
municipality), in the same transaction as the change. So the table and the index
follow one list of events and one definition of visibility; the change and its row
commit or roll back together. Triggers would have to restate in SQL, twice (SQLite
and PostgreSQL), what that definition says in Python: inherited view restrictions
of three kinds over the page tree, size classes, a les's year; a second definition
that can silently disagree with the first is how members-only pages leak. Writes
that bypass Wagtail's signals (a queryset ``update`` of a page, the bench's clones)
call ``refresh`` themselves; ``search_index fallback`` rebuilds the whole table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models.functions import ExtractYear

from cases.models import CasePage, LessonPage
from municipalities.size_classes import size_class_for
from search.documents import CASE, CASE_TERM_FIELDS, LESSON, YEAR_FIELDS, indexable_querysets
from search.fallback_models import FallbackPage, FallbackValue
from search.fulltext import among

KINDS = {CasePage: CASE, LessonPage: LESSON}
# Page relation -> the facet its term slugs count for.
TERM_FACETS = {
    "themes": "theme",
    **dict(zip(CASE_TERM_FIELDS, ("decentralisatie", "risico", "kans"), strict=True)),
}
BATCH = 2000
# Facets that follow from the municipality: columns of their own, not in facet_values.
TOWN_FACETS = ("municipality", "province", "size_class")


def encode(values: dict[str, set[str]]) -> str:
    """A page's facet values but the municipality's, canonical: equal sets, equal text."""
    return "\n".join(
        sorted(
            f"{facet}\t{value}"
            for facet, found in values.items()
            if facet not in TOWN_FACETS
            for value in found
        )
    )


def decode(text: str) -> list[tuple[str, str]]:
    """``encode``'s (facet, value) pairs."""
    return [tuple(line.split("\t", 1)) for line in text.split("\n") if line]


def _pages(model, ids: list[int] | None) -> Iterator[tuple[FallbackPage, dict[str, set[str]]]]:
    queryset = indexable_querysets()[model].prefetch_related(None)
    if ids is not None:
        queryset = queryset.filter(pk__in=among(ids))
    is_case = model is CasePage
    columns = {
        "code": "municipality__cbs_code",
        "town": "municipality__name",
        "province": "municipality__province",
        "population": "municipality__population",
    }
    extra = ("status", "profile__slug") if is_case else ()
    year = ExtractYear(YEAR_FIELDS[KINDS[model]])
    records = queryset.values(
        "pk", "first_published_at", "members_only_inherited", *columns.values(), *extra, year=year
    )
    kind = KINDS[model]
    for record in records:
        size_class = str(size_class_for(record[columns["population"]]).value)
        row = FallbackPage(
            page_id=record["pk"],
            kind=kind,
            members_only=bool(record["members_only_inherited"]),
            town=record[columns["town"]],
            municipality_code=record[columns["code"]],
            province=record[columns["province"]],
            size_class=size_class,
            published=record["first_published_at"],
        )
        values = {
            "type": {kind},
            "municipality": {record[columns["code"]]},
            "province": {record[columns["province"]]},
            "size_class": {size_class},
            "year": {str(record["year"])} if record["year"] else set(),
        }
        if is_case:
            values["status"] = {record["status"]}
            values["profiel"] = {record["profile__slug"]} if record["profile__slug"] else set()
        yield row, values


def _terms(model, ids: Iterable[int]) -> dict[int, dict[str, set[str]]]:
    relations = ["themes", *CASE_TERM_FIELDS] if model is CasePage else ["themes"]
    owner = f"{model._meta.model_name}_id"
    found: dict[int, dict[str, set[str]]] = {}
    for relation in relations:
        through = getattr(model, relation).through
        pairs = through.objects.filter(**{f"{owner}__in": among(ids)}).values_list(
            owner, "term__slug"
        )
        for page_id, slug in pairs:
            found.setdefault(page_id, {}).setdefault(TERM_FACETS[relation], set()).add(slug)
    return found


def _write(model, ids: list[int] | None) -> int:
    rows = list(_pages(model, ids))
    terms = _terms(model, [row.page_id for row, _values in rows])
    values = []
    for row, own in rows:
        every = own | terms.get(row.page_id, {})
        row.facet_values = encode(every)
        for facet, found in every.items():
            values += [FallbackValue(page_id=row.page_id, facet=facet, value=v) for v in found]
    FallbackPage.objects.bulk_create([row for row, _values in rows], batch_size=BATCH)
    FallbackValue.objects.bulk_create(values, batch_size=BATCH)
    return len(rows)


def refresh(page_ids: Iterable[int]) -> None:
    """Rewrite the rows of ``page_ids`` as the database has them now (a page no longer
    indexable loses its row)."""
    ids = sorted(set(page_ids))
    if not ids:
        return
    with transaction.atomic():
        FallbackValue.objects.filter(page_id__in=among(ids)).delete()
        FallbackPage.objects.filter(page_id__in=among(ids)).delete()
        for model in KINDS:
            _write(model, ids)


def rebuild() -> int:
    """The whole table anew; returns the number of pages it holds."""
    with transaction.atomic():
        FallbackValue.objects.all().delete()
        FallbackPage.objects.all().delete()
        return sum(_write(model, None) for model in KINDS)
