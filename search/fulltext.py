"""Which pages contain a piece of text: the database fallback's text index.

The fallback matches query words as substrings (a stem finds its inflections, a
part finds its compound), which no word-based full-text index can answer; a
trigram index can, so the matching keeps its relevance and stops scanning every
page's text per word:

- SQLite (the embedded default): an FTS5 table with the ``trigram`` tokenizer,
  one row per casusblad or les (rowid = page id), filled and kept in step by
  triggers on the page tables (migration ``search.0003``). Triggers rather than
  signals: every write of a page row, published or imported or cloned by a bench,
  changes its text row in the same statement, so the two cannot drift.
- PostgreSQL: ``pg_trgm`` GIN indexes on the page tables' own text columns, which
  the database keeps itself; ``ILIKE`` uses them.

Both answer "which pages hold one of these strings in this column", per column of
``COLUMNS``: the title, the summary, and the text (a casusblad's sections, a les's
body).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection
from django.db.models.expressions import RawSQL

from cases.models import CasePage, LessonPage
from search.documents import SECTION_FIELDS

TABLE = "search_fallback_text"
COLUMNS = ("title", "summary", "text")
# The text column per page model: what a reader reads below the summary.
TEXT_COLUMNS = {CasePage: tuple(SECTION_FIELDS), LessonPage: ("body",)}
TRIGRAM = 3  # shorter strings have no trigram: they are looked for by a scan


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _sqlite_queries(column: str, alternatives: list[str]) -> list[tuple[str, list]]:
    long = [alt for alt in alternatives if len(alt) >= TRIGRAM]
    short = [alt for alt in alternatives if len(alt) < TRIGRAM]
    queries = []
    if long:
        expression = f"{column} : ({' OR '.join(_fts_phrase(alt) for alt in long)})"
        sql = f"SELECT rowid AS page_id FROM {TABLE} WHERE {TABLE} MATCH %s"  # noqa: S608
        queries.append((sql, [expression]))
    if short:
        where = " OR ".join(f"{column} LIKE %s ESCAPE '\\'" for _alt in short)
        sql = f"SELECT rowid AS page_id FROM {TABLE} WHERE {where}"  # noqa: S608
        queries.append((sql, [_like_pattern(alt) for alt in short]))
    return queries


def _table_columns(model, column: str) -> list[tuple[str, str, str]]:
    """(table, id column, text column) triples that hold ``column`` of ``model``."""
    if column == "title":
        return [("wagtailcore_page", "id", "title")]
    table, key = model._meta.db_table, model._meta.pk.column
    names = TEXT_COLUMNS[model] if column == "text" else ("summary",)
    return [(table, key, name) for name in names]


def _postgresql_queries(column: str, alternatives: list[str]) -> list[tuple[str, list]]:
    patterns = [_like_pattern(alt) for alt in alternatives]
    triples = {triple for model in TEXT_COLUMNS for triple in _table_columns(model, column)}
    by_table: dict[tuple[str, str], list[str]] = {}
    for table, key, name in sorted(triples):
        by_table.setdefault((table, key), []).append(name)
    queries = []
    for (table, key), names in by_table.items():
        where = " OR ".join(f'"{name}" ILIKE %s' for name in names for _p in patterns)
        params = [pattern for _name in names for pattern in patterns]
        queries.append((f'SELECT "{key}" AS page_id FROM "{table}" WHERE {where}', params))  # noqa: S608
    return queries


def match_queries(column: str, alternatives: Iterable[str]) -> list[tuple[str, list]]:
    """SELECTs (sql, params) of the ids (column ``page_id``) of the pages, of either
    model, whose ``column`` contains one of ``alternatives``, for a caller to combine
    in one statement.

    Case-insensitive, like the substring test it replaces. The ids are not yet
    filtered for visibility: the caller joins them with the visible pages.
    """
    wanted = [alt for alt in dict.fromkeys(alternatives) if alt]
    if not wanted:
        return []
    if connection.vendor == "sqlite":
        return _sqlite_queries(column, wanted)
    return _postgresql_queries(column, wanted)


def matching_ids(column: str, alternatives: Iterable[str]) -> set[int]:
    """Ids of the pages whose ``column`` contains one of ``alternatives`` (match_queries)."""
    found: set[int] = set()
    with connection.cursor() as cursor:
        for sql, params in match_queries(column, alternatives):
            cursor.execute(sql, params)
            found.update(row[0] for row in cursor.fetchall())
    return found


def among(ids: Iterable[int]) -> RawSQL:
    """``ids`` as one subquery parameter, for ``pk__in``: a search may match many pages,
    more than a statement takes as separate parameters."""
    ordered = sorted(ids)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ordered])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ordered)])
