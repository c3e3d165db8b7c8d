"""Keeping the content index in step with the database, through the outbox.

A change writes ``IndexOutbox`` rows in its own transaction (``record_changes``) and,
once committed, enqueues the drain task; nothing in a web request talks to
Elasticsearch. The drain reads every recorded page as it is *now* and writes or
deletes its document in one bulk request, so draining twice, or out of order, ends
in the same index. When Elasticsearch fails the transaction rolls back, the rows stay
pending and the next run (the task's retry, or ``search_index drain`` from cron)
writes them.

Without ELASTICSEARCH_URL (the demo on SQLite) nothing is recorded: there is no index
to keep in step, and ``search_index rebuild`` builds one from the database whenever
Elasticsearch is added, so a backlog would only grow without ever being read.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from elasticsearch.helpers import bulk

from search.client import get_client, is_configured
from search.documents import (
    delete_action,
    document_actions,
    indexable_pages,
    source_documents,
    to_actions,
)
from search.models import IndexOutbox
from search.sources import document_id

logger = logging.getLogger(__name__)
DRAIN_BATCH = 1000
# Drained rows are kept this long for rebuild's replay, then removed.
KEEP_DRAINED = timedelta(days=1)
# Status codes of a bulk item that still mean "the index holds the right thing":
# 409, a newer revision is there already; 404, a deleted document was not there.
HARMLESS = {409, 404}


class IndexingError(RuntimeError):
    pass


def record_changes(page_ids: Iterable[int], kind: str = "") -> None:
    """Note pages (or objects of the source ``kind``) whose documents must be
    rewritten; drained after the commit."""
    if not is_configured():
        return
    rows = [IndexOutbox(page_id=pk, kind=kind) for pk in dict.fromkeys(page_ids)]
    if not rows:
        return
    IndexOutbox.objects.bulk_create(rows)
    from search.tasks import drain_outbox

    transaction.on_commit(drain_outbox.enqueue)


def pending() -> "IndexOutbox.objects":
    return IndexOutbox.objects.filter(drained_at=None)


def write_pages(page_ids: Iterable[int], index: str | None = None, refresh=False) -> int:
    """Write the current documents of ``page_ids`` (delete those no longer indexable)."""
    wanted = set(page_ids)
    pages = list(indexable_pages(wanted))
    gone = wanted - {page.pk for page in pages}
    actions = [*to_actions(pages, index), *(delete_action(pk, index) for pk in sorted(gone))]
    return _send(actions, refresh)


def write_documents(kind: str, ids: Iterable[int], index: str | None = None, refresh=False) -> int:
    """write_pages for the objects of a document source (search.sources)."""
    wanted = set(ids)
    documents = list(source_documents(kind, wanted))
    kept = {document["_id"] for document in documents}
    gone = sorted({document_id(kind, pk) for pk in wanted} - kept)
    actions = [*document_actions(documents, index), *(delete_action(i, index) for i in gone)]
    return _send(actions, refresh)


def write_changes(rows: Iterable[tuple[str, int]], index: str | None = None, refresh=False) -> int:
    """Write what outbox rows ``(kind, id)`` name: pages and other sources' objects."""
    by_kind: dict[str, set[int]] = {}
    for kind, pk in rows:
        by_kind.setdefault(kind, set()).add(pk)
    written = 0
    for kind, ids in sorted(by_kind.items()):
        if kind:
            written += write_documents(kind, ids, index, refresh)
        else:
            written += write_pages(ids, index, refresh)
    return written


def _send(actions: list[dict], refresh) -> int:
    if not actions:
        return 0
    _ok, errors = bulk(
        get_client(), actions, raise_on_error=False, raise_on_exception=True, refresh=refresh
    )
    real = [error for error in errors if _status(error) not in HARMLESS]
    if real:
        raise IndexingError(f"{len(real)} documents were refused, first: {real[0]}")
    return len(actions)


def _status(error: dict) -> int | None:
    (item,) = error.values()
    return item.get("status")


def _serialise_drains() -> None:
    # Two drains reading the same page at different moments could write in the wrong
    # order; one drain at a time (per transaction) rules that out. SQLite serialises
    # writers already (IMMEDIATE transactions).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('kennisbank-search-drain'))")


def drain(batch: int = DRAIN_BATCH, refresh: bool = False) -> int:
    """Write the pending rows' pages to the index; returns the number of rows drained.

    Before the first ``search_index rebuild`` there is no alias yet: the drain then
    builds the index from the database, which includes every pending change.
    """
    from search.lifecycle import alias_exists, rebuild

    if not alias_exists():
        rebuild()
    drained = 0
    while True:
        with transaction.atomic():
            _serialise_drains()
            rows = list(pending().order_by("pk").values_list("pk", "kind", "page_id")[:batch])
            if not rows:
                break
            write_changes({(kind, pk) for _row, kind, pk in rows}, refresh=refresh)
            IndexOutbox.objects.filter(pk__in=[row for row, _kind, _pk in rows]).update(
                drained_at=timezone.now()
            )
        drained += len(rows)
    IndexOutbox.objects.filter(drained_at__lt=timezone.now() - KEEP_DRAINED).delete()
    return drained


def backlog(now=None) -> dict:
    """The pending rows: how many, and how long the oldest has waited (seconds)."""
    rows = pending()
    oldest = rows.order_by("pk").values_list("created_at", flat=True).first()
    age = round(((now or timezone.now()) - oldest).total_seconds(), 1) if oldest else None
    return {"pending": rows.count(), "oldest_pending_age_seconds": age}
