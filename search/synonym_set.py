"""The synonym groups search expands queries with, wherever they are kept.

The query builder and the database fallback ask this module, never a file or a
table directly, so where the Kennisredactie's set lives can change without touching
them. Until the admin-managed set exists, the seed file is the set.
"""

from __future__ import annotations

from functools import cache

from search.synonyms import SynonymRule, load_seed


@cache
def _seed() -> tuple[SynonymRule, ...]:
    return tuple(load_seed())


def current_groups() -> list[SynonymRule]:
    """The synonym rules in force now."""
    return list(_seed())
