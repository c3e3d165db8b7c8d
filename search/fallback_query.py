"""The database fallback's matching, scoring, filtering and facet counts, in SQL.

Everything is read from the fallback's search table (search.fallback_table) and its
trigram text index (search.fulltext), in one statement whatever the number of
matching pages: it scores, filters and orders the visible pages and returns only
the page of hits, the total, and the facet values counted per group of pages that
share them (far fewer groups than pages). Nothing is done per matching page in
Python, which is what made a query matching most of 10k pages cost seconds.

Scoring is the fallback's own, unchanged: per query word (a word group: its stem
and synonyms) the weight of the best column holding one of its strings (title 3,
summary 2, text 1), else 2 when the page's municipality is called so, summed over
the words; plus 1 for a page of a type the query names ("casusbladen").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import connection

from search import fulltext
from search.fallback_models import FallbackPage, FallbackValue
from search.fallback_table import decode
from search.fallback_words import word_groups
from search.query_text import ParsedQuery

WEIGHTS = {"title": 3, "summary": 2, "text": 1}
TOWN = -1  # a word matched the municipality's name only: scores 2 unless a column matched
PAGES = FallbackPage._meta.db_table
VALUES = FallbackValue._meta.db_table


@dataclass(frozen=True)
class Match:
    page_id: int
    kind: str
    score: int
    municipality_code: str
    members_only: bool


def _placeholders(values: Iterable) -> str:
    return ", ".join("%s" for _value in values)


def _scored(groups: list[list[str]]) -> tuple[list[str], list]:
    """The CTEs that end in ``scored(page_id, score)``, over the word groups."""
    parts, params = [], []
    for number, group in enumerate(groups):
        for column, weight in WEIGHTS.items():
            for sql, found in fulltext.match_queries(column, group):
                select = f"SELECT page_id, {number} AS grp, {weight} AS w FROM ({sql}) AS m"  # noqa: S608
                parts.append(select)
                params += found
        towns = sorted({alternative.title() for alternative in group})
        parts.append(
            f"SELECT page_id, {number} AS grp, {TOWN} AS w FROM {PAGES} "  # noqa: S608
            f"WHERE town IN ({_placeholders(towns)})"
        )
        params += towns
    ctes = [
        f"hits AS ({' UNION ALL '.join(parts)})",
        "best AS (SELECT page_id, grp, max(w) AS w FROM hits GROUP BY page_id, grp)",
        "scored AS (SELECT page_id, sum(CASE WHEN w > 0 THEN w ELSE 2 END) AS score "
        "FROM best GROUP BY page_id)",
    ]
    return ctes, params


def _filter_flags(filters: Mapping[str, Iterable[str]]) -> tuple[list[str], list, list[str]]:
    """Per filter a column that is 1 where the page passes it, else 0."""
    columns, params, names = [], [], []
    for name, values in filters.items():
        wanted = sorted(set(values))
        names.append(name)
        if not wanted:
            columns.append("0")
            continue
        columns.append(
            f"CASE WHEN EXISTS (SELECT 1 FROM {VALUES} v WHERE v.page_id = p.page_id "  # noqa: S608
            f"AND v.facet = %s AND v.value IN ({_placeholders(wanted)})) THEN 1 ELSE 0 END"
        )
        params += [name, *wanted]
    return columns, params, names


@dataclass(frozen=True)
class _Matched:
    """The CTEs ending in ``matched``: the visible pages the query matches, each with
    its score and a ``passes_<n>`` column per filter (``filters`` names them)."""

    ctes: list[str]
    params: list
    filters: list[str]

    def statement(self, select: str, params: list) -> tuple[str, list]:
        return f"WITH {', '.join(self.ctes)} {select}", [*self.params, *params]


def _matched(parsed: ParsedQuery, members: bool, filters: Mapping[str, Iterable[str]]) -> _Matched:
    groups = word_groups(parsed)
    types = sorted(parsed.types)
    bonus = f"CASE WHEN p.kind IN ({_placeholders(types)}) THEN 1 ELSE 0 END" if types else "0"
    flags, flag_params, names = _filter_flags(filters)
    where, where_params = [], []
    if not members:
        where.append("p.members_only = %s")
        where_params.append(False)
    ctes, params = [], []
    if groups:
        ctes, params = _scored(groups)
        score = f"coalesce(s.score, 0) + {bonus}"
        joined = f"{PAGES} p LEFT JOIN scored s ON s.page_id = p.page_id"
        where.append(
            f"(s.page_id IS NOT NULL OR p.kind IN ({_placeholders(types)}))"
            if types
            else "s.page_id IS NOT NULL"
        )
        where_params += types
    else:
        score, joined = bonus, f"{PAGES} p"
    passes = "".join(f", {flag} AS passes_{n}" for n, flag in enumerate(flags))
    failed = " + ".join(f"(1 - passes_{n})" for n in range(len(flags))) or "0"
    # Which filters a page passes, as bits (filter n: 2**n), to group pages by.
    mask = " + ".join(f"passes_{n} * {2**n}" for n in range(len(flags))) or "0"
    ctes.append(
        f"matched AS MATERIALIZED (SELECT q.*, {failed} AS failed, {mask} AS mask FROM ("  # noqa: S608
        f"SELECT p.page_id, p.kind, {score} AS score, p.municipality_code, p.province, "
        f"p.size_class, p.facet_values, p.members_only, p.published{passes} "
        f"FROM {joined} {'WHERE ' + ' AND '.join(where) if where else ''}) AS q)"
    )
    params += [*types, *flag_params, *where_params]
    return _Matched(ctes, params, names)


def _order(by_score: bool) -> str:
    return f"{'score DESC, ' if by_score else ''}(published IS NULL), published DESC, page_id DESC"


def matches(parsed: ParsedQuery, *, members: bool) -> list[Match]:
    """All the visible pages the query matches, best first (the router picks from them)."""
    matched = _matched(parsed, members, {})
    sql, params = matched.statement(
        "SELECT page_id, kind, score, municipality_code, members_only FROM matched "  # noqa: S608
        f"ORDER BY {_order(by_score=True)}",
        [],
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Match(page_id, kind, int(points), code, bool(members_only))
        for page_id, kind, points, code, members_only in rows
    ]


@dataclass
class Page:
    """One page of a search: its hits (page id, type, score), the total, the counts."""

    hits: list[tuple[int, str, int]]
    total: int
    counts: dict[str, Counter]


TEXT, NUMBER = "CAST(NULL AS TEXT)", "CAST(NULL AS BIGINT)"


def _statement(matched: _Matched, by_score: bool, offset: int, size: int) -> tuple[str, list]:
    # Facet values are counted per group of pages with equal values (and equal filter
    # results), not per page: a municipality's three facets, and all the others.
    grouped = "FROM matched WHERE failed <= 1 GROUP BY"
    select = (
        f"SELECT 'hit', page_id, score, row_number() OVER (ORDER BY {_order(by_score)}), "  # noqa: S608
        f"kind, {TEXT}, {TEXT} FROM (SELECT page_id, kind, score, published FROM matched "
        f"WHERE failed = 0 ORDER BY {_order(by_score)} LIMIT %s OFFSET %s) AS window_rows "
        f"UNION ALL SELECT 'total', count(*), {NUMBER}, {NUMBER}, {TEXT}, {TEXT}, {TEXT} "
        "FROM matched WHERE failed = 0 "
        f"UNION ALL SELECT 'town', count(*), mask, {NUMBER}, municipality_code, province, "
        f"size_class {grouped} mask, municipality_code, province, size_class "
        f"UNION ALL SELECT 'rest', count(*), mask, {NUMBER}, facet_values, {TEXT}, {TEXT} "
        f"{grouped} mask, facet_values"
    )
    return matched.statement(select, [size, offset])


def search_page(
    parsed: ParsedQuery,
    *,
    members: bool,
    filters: Mapping[str, Iterable[str]],
    by_score: bool,
    offset: int,
    size: int,
    facet_names: Iterable[str],
) -> Page:
    """A page of hits, the total and the facet counts, in one statement.

    Facet counts are multi-select: a page counts for every facet when it passes all
    filters, only for the one facet whose filter it fails when it fails one, else
    not (a filter on something that is not a facet counts nowhere).
    """
    matched = _matched(parsed, members, filters)
    names = set(facet_names)
    page = Page([], 0, {name: Counter() for name in names})
    with connection.cursor() as cursor:
        cursor.execute(*_statement(matched, by_score, offset, size))
        rows = cursor.fetchall()
    hits = []
    for tag, number, score_or_mask, position, first, second, third in rows:
        if tag == "hit":
            hits.append((position, number, first, int(score_or_mask)))
            continue
        if tag == "total":
            page.total = number
            continue
        failed = [
            name for bit, name in enumerate(matched.filters) if not int(score_or_mask) >> bit & 1
        ]
        if tag == "town":
            pairs = [("municipality", first), ("province", second), ("size_class", third)]
        else:
            pairs = decode(first)
        for facet, value in pairs:
            if facet in names and (not failed or failed == [facet]):
                page.counts[facet][value] += number
    page.hits = [(page_id, kind, score) for _position, page_id, kind, score in sorted(hits)]
    return page


def values_of(page_ids: Iterable[int], facet: str) -> dict[int, set[str]]:
    """Each page's values of one facet (the themes of the pages a router picked)."""
    found: dict[int, set[str]] = {}
    pairs = FallbackValue.objects.filter(
        page_id__in=fulltext.among(page_ids), facet=facet
    ).values_list("page_id", "value")
    for page_id, value in pairs:
        found.setdefault(page_id, set()).add(value)
    return found
