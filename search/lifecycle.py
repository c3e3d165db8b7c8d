"""The content index's physical indices: rebuild, rollback, reconcile, status.

Readers and writers only ever use the alias. A rebuild bulk-loads a new physical
index ``<alias>-<timestamp>`` from the database (no ``_reindex``: the local node lacks
that module, and the database is the source of truth anyway), replays the outbox rows
written since it started, and swaps the alias in one atomic request. Changes drained
into the old index during the load are in those rows too, so none is lost. The
previous index is kept for ``rollback``; older ones are deleted.
"""

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from elasticsearch import NotFoundError
from elasticsearch.helpers import bulk, scan

from search.client import get_client
from search.documents import (
    alias,
    all_source_documents,
    document_actions,
    index_body,
    indexable_pages,
    to_actions,
    to_document,
)
from search.indexing import IndexingError, backlog, write_changes
from search.models import IndexOutbox
from search.sources import split_id

Progress = Callable[[int, int], None]
# A rebuild's bulk requests: documents per request, and requests in flight at once.
# Analysis (three Dutch chains per text field) makes Elasticsearch the slow side, and
# one request keeps one of its write threads busy; two keep a small node's cores busy
# while this process serialises the next chunk.
LOAD_CHUNK = 500
LOAD_REQUESTS = 2
# While a new index loads, nobody reads it: no refreshes, no replicas to copy every
# document to, and a translog synced in the background instead of per request. A
# crash mid-load loses nothing that matters: the half-built index is not behind the
# alias, and the next rebuild starts afresh. finish_load() restores all three.
LOADING_SETTINGS = {"refresh_interval": "-1", "translog.durability": "async"}


def alias_exists() -> bool:
    return bool(get_client().indices.exists_alias(name=alias()))


def physical_indices() -> list[str]:
    """The content index's physical indices, oldest first (the names sort by time)."""
    found = get_client().indices.get(index=f"{alias()}-*", expand_wildcards="all")
    return sorted(found)


def current_index() -> str | None:
    try:
        return next(iter(get_client().indices.get_alias(name=alias())))
    except NotFoundError:
        return None


def _swap_alias(to: str) -> None:
    client = get_client()
    actions: list[dict] = [{"add": {"index": to, "alias": alias(), "is_write_index": True}}]
    previous = current_index()
    if previous and previous != to:
        actions.insert(0, {"remove": {"index": previous, "alias": alias()}})
    client.indices.update_aliases(actions=actions)


def _replay_since(mark: int, index: str) -> int:
    rows = set(IndexOutbox.objects.filter(pk__gt=mark).values_list("kind", "page_id"))
    return write_changes(rows, index=index) if rows else 0


def create_physical_index() -> str:
    name = f"{alias()}-{timezone.now():%Y%m%d%H%M%S%f}"
    body = index_body()
    body["settings"].update(LOADING_SETTINGS, number_of_replicas=0)
    get_client().indices.create(index=name, **body)
    return name


def _chunks(actions: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(actions)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _send(chunk: list[dict]) -> tuple[int, list]:
    return bulk(get_client(), chunk, chunk_size=len(chunk), raise_on_error=False)


def bulk_load(name: str, actions: Iterable[dict], total: int, progress: Progress | None) -> None:
    """Load ``actions`` into the new index ``name`` (the loading step of a rebuild).

    The actions are built here, in the caller's thread (page serialisation reads the
    database through its connection); only the finished requests go to the workers.
    """
    done = 0
    in_flight: deque[Future] = deque()

    def settle(future: Future) -> None:
        nonlocal done
        written, errors = future.result()
        if errors:
            raise IndexingError(f"rebuild refused a document in {name}: {errors[0]}")
        done += written
        if progress:
            progress(done, total)

    with ThreadPoolExecutor(max_workers=LOAD_REQUESTS) as pool:
        for chunk in _chunks(actions, LOAD_CHUNK):
            in_flight.append(pool.submit(_send, chunk))
            if len(in_flight) >= LOAD_REQUESTS:
                settle(in_flight.popleft())
        while in_flight:
            settle(in_flight.popleft())


def finish_load(name: str) -> None:
    client = get_client()
    client.indices.put_settings(
        index=name,
        settings={
            **dict.fromkeys(LOADING_SETTINGS),
            "number_of_replicas": settings.ELASTICSEARCH_REPLICAS,
        },
    )
    client.indices.refresh(index=name)


def rebuild(progress: Progress | None = None, after_load: Callable[[], None] | None = None) -> str:
    """Build a new physical index from the database and put it behind the alias."""
    name = create_physical_index()
    mark = IndexOutbox.objects.aggregate(mark=Max("pk"))["mark"] or 0
    pages = list(indexable_pages())
    others = list(all_source_documents())  # resolved questions (search.sources)
    actions = chain(to_actions(pages, name), document_actions(others, name))
    bulk_load(name, actions, len(pages) + len(others), progress)
    if after_load:
        after_load()
    _replay_since(mark, name)
    finish_load(name)
    _swap_alias(name)
    # Drained into the old index between the replay and the swap: written once more.
    _replay_since(mark, name)
    _delete_all_but_last_two()
    return name


def _delete_all_but_last_two() -> None:
    for old in physical_indices()[:-2]:
        get_client().indices.delete(index=old)


def rollback() -> str:
    """Put the previous physical index back behind the alias, then repair its drift."""
    indices, current = physical_indices(), current_index()
    older = [name for name in indices if current is None or name < current]
    if not older:
        raise IndexingError("there is no previous index to roll back to")
    _swap_alias(older[-1])
    reconcile(repair=True)
    return older[-1]


DocumentKey = int | str  # a page's id, or another source's document id ("vraag-12")


@dataclass
class Drift:
    """Where the index and the database disagree: page ids, and other documents' ids."""

    missing: set[DocumentKey] = field(default_factory=set)  # live, not in the index
    extra: set[DocumentKey] = field(default_factory=set)  # in the index, not live (or hidden)
    stale: set[DocumentKey] = field(default_factory=set)  # in both, another version or content

    @property
    def pages(self) -> set[DocumentKey]:
        return self.missing | self.extra | self.stale

    def changes(self) -> set[tuple[str, int]]:
        """The drifted documents as outbox rows (kind, id) for write_changes."""
        return {split_id(str(key)) for key in self.pages}

    def __bool__(self) -> bool:
        return bool(self.pages)


def reconcile(repair: bool = False) -> Drift:
    """Compare ids, versions and content digests; with ``repair``, rewrite what differs.

    Known gap: a document deleted out of band *without* a version (internal
    versioning) leaves a tombstone newer than the page's revision id, and the
    repair's versioned write is refused until Elasticsearch prunes the tombstone
    (``gc_deletes`` is 0 s, so within a refresh or two); run reconcile again then.
    """
    documents = chain((to_document(page) for page in indexable_pages()), all_source_documents())
    expected = {
        _key(document["_id"]): (document["_version"], document["_source"]["digest"])
        for document in documents
    }
    client = get_client()
    client.indices.refresh(index=alias())
    indexed = {
        _key(hit["_id"]): (hit["_version"], hit["_source"].get("digest"))
        for hit in scan(client, index=alias(), _source=["digest"], version=True)
    }
    drift = Drift(
        missing=set(expected) - set(indexed),
        extra=set(indexed) - set(expected),
        stale={pk for pk in set(expected) & set(indexed) if expected[pk] != indexed[pk]},
    )
    if repair and drift:
        write_changes(drift.changes(), refresh=True)
    return drift


def _key(document_id: str) -> DocumentKey:
    """Pages by their id (as before other sources existed), the others by document id."""
    return int(document_id) if document_id.isdigit() else document_id


def status() -> dict:
    """Alias, physical index, document count and outbox backlog."""
    client = get_client()
    current = current_index()
    count = client.count(index=current)["count"] if current else None
    return {
        "alias": alias(),
        "index": current,
        "indices": physical_indices() if current else [],
        "documents": count,
        "outbox": backlog(),
    }
