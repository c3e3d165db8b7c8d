"""The synonym groups search expands queries with: the Kennisredactie's active set.

Why query-time expansion from the database, and not Elasticsearch's synonyms:

* The synonyms API (``PUT _synonyms/<set>``) fails on the local node ("failed to find
  action [indices:data/write/delete/byquery]": it needs the reindex module, which the
  integ-test zip lacks), so it would behave differently in development and production.
* A search-time ``synonym_graph`` from a file needs that file on every node and a
  ``_reload_search_analyzers`` call after each change: something to distribute and
  to get out of step on a multi-node cluster.
* Index-time synonyms would need a reindex per change, and they do not mix with the
  decompounder of the decompounded subfield (ES #34331, #40000).

Expanding the query from the database needs nothing on the nodes, behaves the same
on every cluster and on the database fallback, and takes effect without a reindex.
The groups are cached for at most ``SYNONYM_CACHE_SECONDS`` (60 s) in Django's cache
(per process with the default local-memory cache); saving or deleting a group clears
the entry in the process that did it, and the TTL covers the other processes, so a
change in the admin is in force everywhere within a minute.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from search.synonym_models import SynonymGroup, parse_group
from search.synonyms import SynonymRule, expansions, normalise_term

logger = logging.getLogger(__name__)

CACHE_KEY = "search:synonym-groups:v1"
DEFAULT_CACHE_SECONDS = 60


def _cache_seconds() -> int:
    return getattr(settings, "SYNONYM_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)


def _load() -> list[SynonymRule]:
    rules: list[SynonymRule] = []
    seen: set[str] = set()
    for pk, text in (
        SynonymGroup.objects.filter(active=True).order_by("pk").values_list("pk", "terms")
    ):
        try:
            rule = parse_group(text)
        except ValidationError:
            # Only rows written around the form can be bad; search goes on without them.
            logger.warning("synonym group %s is not valid and is ignored: %r", pk, text)
            continue
        if seen & set(rule.terms):
            logger.warning("synonym group %s shares a term with an earlier group: %r", pk, text)
            continue
        seen.update(rule.terms)
        rules.append(rule)
    return rules


def current_groups() -> list[SynonymRule]:
    """The active synonym rules, at most a minute old."""
    rules = cache.get(CACHE_KEY)
    if rules is None:
        rules = _load()
        cache.set(CACHE_KEY, rules, _cache_seconds())
    return list(rules)


def expand(words: Iterable[str]) -> list[str]:
    """The alternatives the active groups give for the terms in ``words``.

    Each item of ``words`` is a term as typed (one word or a phrase such as
    "persoonsgebonden budget"); the result lists every other term to search as well,
    each once, in group order.
    """
    table = expansions(current_groups())
    alternatives: dict[str, None] = {}
    for word in words:
        for other in table.get(normalise_term(word), ()):
            alternatives[other] = None
    return list(alternatives)


def forget() -> None:
    """Drop the cached groups, so the next search reads the database."""
    cache.delete(CACHE_KEY)


@receiver(post_save, sender=SynonymGroup, dispatch_uid="synonym-set-saved")
@receiver(post_delete, sender=SynonymGroup, dispatch_uid="synonym-set-deleted")
def _group_changed(**kwargs) -> None:
    # After the commit: a search between the signal and the commit would cache the old set.
    transaction.on_commit(forget)
