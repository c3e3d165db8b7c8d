"""The database fallback's matching, scoring, filtering and facet counts, in SQL.

Everything is read from the fallback's search table (search.fallback_table) and its
trigram text index (search.fulltext), in two statements whatever the number of
matching pages: one scores, filters and orders the visible pages, one counts the
facet values. Per page nothing is decided in Python but which facet counts it goes
to, so a query matching most of 10k pages costs a few milliseconds more than one
matching a handful.

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
    failed: tuple[str, ...]  # the filters (facet names) the page does not pass


def _placeholders(values: Iterable) -> str:
    return ", ".join("%s" for _value in values)


def _scored(groups: list[list[str]]) -> tuple[str, list]:
    """A ``scored(page_id, score)`` CTE over the word groups."""
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
    hits = " UNION ALL ".join(parts)
    sql = (
        f"WITH hits AS ({hits}), "  # noqa: S608
        "best AS (SELECT page_id, grp, max(w) AS w FROM hits GROUP BY page_id, grp), "
        f"scored AS (SELECT page_id, sum(CASE WHEN w > 0 THEN w ELSE 2 END) AS score "
        "FROM best GROUP BY page_id) "
    )
    return sql, params


def _filter_flags(filters: Mapping[str, Iterable[str]]) -> tuple[list[str], list, list[str]]:
    columns, params, names = [], [], []
    for name, values in filters.items():
        wanted = sorted(set(values))
        names.append(name)
        if not wanted:
            columns.append("(1 = 0)")
            continue
        columns.append(
            f"EXISTS (SELECT 1 FROM {VALUES} v WHERE v.page_id = p.page_id "  # noqa: S608
            f"AND v.facet = %s AND v.value IN ({_placeholders(wanted)}))"
        )
        params += [name, *wanted]
    return columns, params, names


def matches(
    parsed: ParsedQuery,
    *,
    members: bool,
    filters: Mapping[str, Iterable[str]],
    by_score: bool,
) -> list[Match]:
    """The visible pages the query matches, best (``by_score``) or newest first; each
    says which filters it fails, so the caller keeps the ones that fail none."""
    groups = word_groups(parsed)
    types = sorted(parsed.types)
    bonus = f"CASE WHEN p.kind IN ({_placeholders(types)}) THEN 1 ELSE 0 END" if types else "0"
    flags, flag_params, names = _filter_flags(filters)
    where, where_params = [], []
    if not members:
        where.append("p.members_only = %s")
        where_params.append(False)
    if groups:
        prefix, prefix_params = _scored(groups)
        score = f"coalesce(s.score, 0) + {bonus}"
        joined = f"{PAGES} p LEFT JOIN scored s ON s.page_id = p.page_id"
        alive = "s.page_id IS NOT NULL"
        where.append(f"({alive} OR p.kind IN ({_placeholders(types)}))" if types else alive)
        where_params += types
    else:
        prefix, prefix_params, score, joined = "", [], bonus, f"{PAGES} p"
    order = "score DESC, " if by_score else ""
    sql = (
        f"{prefix}SELECT p.page_id, p.kind, {score} AS score, p.municipality_code, "  # noqa: S608
        f"p.members_only{''.join(', ' + flag for flag in flags)} FROM {joined} "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} "
        f"ORDER BY {order}(p.published IS NULL), p.published DESC, p.page_id DESC"
    )
    params = [*prefix_params, *(types if types else []), *flag_params, *where_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Match(
            page_id,
            kind,
            int(points),
            code,
            bool(members_only),
            tuple(name for name, passed in zip(names, passes, strict=True) if not passed),
        )
        for page_id, kind, points, code, members_only, *passes in rows
    ]


def facet_counts(rows: Iterable[Match], facet_names: Iterable[str]) -> dict[str, Counter]:
    """Multi-select counts: a page counts for every facet when it passes all filters,
    only for the one facet whose filter it fails when it fails one, else not."""
    counted = set(facet_names)
    every: list[int] = []
    only: dict[str, list[int]] = {}
    for row in rows:
        if not row.failed:
            every.append(row.page_id)
        elif len(row.failed) == 1 and row.failed[0] in counted:
            only.setdefault(row.failed[0], []).append(row.page_id)
    parts, params = [], []
    for facet, ids in [(None, every), *only.items()]:
        if not ids:
            continue
        subquery = fulltext.among(ids)
        parts.append(
            f"SELECT facet, value, count(*) FROM {VALUES} "  # noqa: S608
            f"WHERE page_id IN ({subquery.sql}){' AND facet = %s' if facet else ''} "
            "GROUP BY facet, value"
        )
        params += [*subquery.params, *([facet] if facet else [])]
    counts: dict[str, Counter] = {name: Counter() for name in counted}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for facet, value, number in cursor.fetchall():
                if facet in counts:
                    counts[facet][value] += number
    return counts


def values_of(page_ids: Iterable[int], facet: str) -> dict[int, set[str]]:
    """Each page's values of one facet (the themes of the pages a router picked)."""
    found: dict[int, set[str]] = {}
    pairs = FallbackValue.objects.filter(
        page_id__in=fulltext.among(page_ids), facet=facet
    ).values_list("page_id", "value")
    for page_id, value in pairs:
        found.setdefault(page_id, set()).add(value)
    return found
