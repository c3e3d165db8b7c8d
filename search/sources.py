"""Documents other than pages, handed to search by the apps above it.

The content index holds casusbladen and lessen, which search reads from cases
itself; resolved questions belong in it too ("already answered"), but questions
sits above search in the import graph, so search may not read them. Instead the
questions app registers a ``DocumentSource`` when it starts: a kind (the
document's ``type``, and the prefix of its ids, so a question never overwrites
the page with the same number) and a function that returns the current documents
of given ids. The outbox, the drain, rebuild and reconcile then treat those
documents like pages, without knowing what a question is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

# What a source hands over per object: its primary key, an external version that
# grows with every change (the index keeps the newest), and the document fields.
SourceDocument = tuple[int, int, dict]


@dataclass(frozen=True)
class DocumentSource:
    """A kind of document and how to read its current state from the database.

    ``documents(ids)`` yields the objects among ``ids`` (all of them for None) that
    belong in the index now, with the fields of the strict mapping
    (search.documents); an id it does not yield is removed from the index.
    ``sees_members_only(user)`` says whether ``user`` may read the kind's
    members-only documents: its own rule, which need not be the pages' one (a
    members-only question is for members of a municipality, not for every login).
    """

    kind: str
    documents: Callable[[Iterable[int] | None], Iterable[SourceDocument]]
    sees_members_only: Callable[[object], bool]


_registered: dict[str, DocumentSource] = {}


def register(source: DocumentSource) -> None:
    """Add ``source`` (idempotent: an app's ready() may run more than once)."""
    _registered[source.kind] = source


def registered() -> Iterator[DocumentSource]:
    yield from _registered.values()


def source_of(kind: str) -> DocumentSource | None:
    return _registered.get(kind)


def sees_members_only(kind: str, user) -> bool:
    """Whether ``user`` may read the members-only documents of ``kind`` (False if unknown)."""
    source = _registered.get(kind)
    return source is not None and source.sees_members_only(user)


def document_id(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


def split_id(document_id: str) -> tuple[str, int]:
    """``"vraag-12"`` is ``("vraag", 12)``; a page's ``"12"`` is ``("", 12)``."""
    kind, _dash, pk = document_id.rpartition("-")
    return kind, int(pk)
