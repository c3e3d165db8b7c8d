"""Writing checked Records as Wagtail pages: created, updated (a new revision) or left alone.

Each line is its own transaction, so a line that fails while saving takes nothing
with it (no page without its themes, no stray revision) and the lines around it
still land. A dry run does the same work inside one transaction that is rolled back,
so it reports exactly what a real run would, later lines seeing earlier ones.
"""

import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page

from cases.indexes import case_index_for
from cases.interchange.catalogue import Catalogue
from cases.interchange.identity import find_page, find_pages
from cases.interchange.records import LineProblem, Record, normalise, parse_line, peek_identity
from cases.interchange.review import Review, submit_for_review, version_under_review
from cases.interchange.schema import RECORD_TYPES, Field, Kind
from cases.interchange.snapshot import read_page, readable_pages
from cases.interchange.text import start_of_day
from cases.models import CaseIndexPage, CasePage
from cases.models.pages import MunicipalityOwnedPage
from cases.municipality_scope import check_import_references
from cases.signals import page_dates_changed
from cases.visibility import is_members_only, set_members_only
from municipalities.outcomes import Outcome

# Plain model fields, assigned on the page before a revision is saved.
_SCALAR_KINDS = (Kind.TEXT, Kind.HTML, Kind.EMAIL, Kind.DATE, Kind.CHOICE, Kind.TERM)
# Many-to-many fields: set after the page has a primary key.
_RELATION_KINDS = (Kind.TERMS, Kind.MUNICIPALITIES, Kind.CASES)
# Lines whose existing pages are loaded together, for the unchanged-check.
_BATCH_SIZE = 500
# Per record type name: the existing pages of a batch, by external_id.
_StoredPages = dict[str, dict[str, MunicipalityOwnedPage]]


@dataclass(frozen=True)
class LineResult:
    line: int
    external_id: str
    outcome: Outcome


@dataclass
class ImportResult:
    """What happened to each line; the command prints it, tests inspect it."""

    dry_run: bool = False
    results: list[LineResult] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    lines_read: int = 0

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)

    @property
    def failed(self) -> int:
        return len(self.problems)

    @property
    def had_no_records(self) -> bool:
        """Whether the file was empty or held only blank lines: probably not what was meant."""
        return not self.results and not self.problems

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(outcome)} {outcome}" for outcome in Outcome)
        return f"{counts}, {self.failed} failed"


def import_lines(
    lines: Iterable[bytes | str],
    *,
    dry_run: bool = False,
    as_draft: bool = False,
    progress: Callable[[int, ImportResult], None] | None = None,
    progress_every: int = 100,
) -> ImportResult:
    """Import a JSON Lines file given as its lines; bad lines are reported, not raised.

    With `as_draft`, new and changed records are submitted for review (review.py)
    instead of published.
    """
    result = ImportResult(dry_run=dry_run)
    review = (Review.CHECK if dry_run else Review.SUBMIT) if as_draft else None
    catalogue = Catalogue.load()
    outer = transaction.atomic() if dry_run else contextlib.nullcontext()
    with outer:
        for batch in _batches(enumerate(lines, start=1)):
            stored = _stored_pages(raw for _number, raw in batch)
            for number, raw in batch:
                result.lines_read = number
                _import_line(number, raw, catalogue, stored, result, review)
                if progress is not None and number % progress_every == 0:
                    progress(number, result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _batches(numbered: Iterable[tuple[int, bytes | str]]) -> Iterator[list]:
    while batch := list(itertools.islice(numbered, _BATCH_SIZE)):
        yield batch


def _stored_pages(raws: Iterable[bytes | str]) -> _StoredPages:
    """The existing pages a batch of lines names, with what the unchanged-check reads.

    Loaded before the batch is written, which is safe: a file names each page on one
    line only (a second line is refused), and no line changes another line's page.
    """
    wanted: dict[str, set[str]] = {name: set() for name in RECORD_TYPES}
    for raw in raws:
        record_type, external_id = peek_identity(raw)
        if record_type in wanted:
            wanted[record_type].add(external_id)
    return {
        name: find_pages(
            readable_pages(RECORD_TYPES[name].model.objects.all(), RECORD_TYPES[name]), ids
        )
        for name, ids in wanted.items()
        if ids
    }


def _import_line(
    number: int,
    raw: bytes | str,
    catalogue: Catalogue,
    stored: _StoredPages,
    result: ImportResult,
    review: Review | None,
) -> None:
    parsed = parse_line(number, raw, catalogue)
    if parsed is None:
        return
    if parsed.external_id:
        catalogue.first_line.setdefault(parsed.external_id, number)
    if isinstance(parsed, LineProblem):
        result.problems.append(parsed)
        return
    page = stored.get(parsed.record_type.name, {}).get(parsed.external_id)
    if page is not None and is_unchanged(page, parsed, as_draft=review is not None):
        result.results.append(LineResult(number, parsed.external_id, Outcome.UNCHANGED))
        return
    try:
        with transaction.atomic():
            if page is None:
                outcome = write_record(parsed, catalogue, review=review)
            else:
                # Fresh from the database: the batch's copy carries prefetched relations
                # and visibility that writing would leave stale.
                page = parsed.record_type.model.objects.get(pk=page.pk)
                _update(page, parsed, catalogue, review=review)
                outcome = Outcome.UPDATED
    except Exception as error:
        # Whatever goes wrong while saving one line is that line's problem: report it
        # and carry on, as promised for validation errors.
        result.problems.append(
            LineProblem(number, (f"could not be saved: {_describe(error)}",), parsed.external_id)
        )
        return
    catalogue.ids_of(parsed.record_type.model).add(parsed.external_id)
    result.results.append(LineResult(number, parsed.external_id, outcome))


def _describe(error: Exception) -> str:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return f"{type(error).__name__}: {error}"


def write_record(record: Record, catalogue: Catalogue, *, review: Review | None = None) -> Outcome:
    """Create, update or leave alone the page `record` names. Call inside a transaction.

    With a `review`, the change is submitted for review (review.py), not published.
    """
    record_type = record.record_type
    page = find_page(record_type.model, record.external_id)
    if page is None:
        _create(record, catalogue, review=review)
        return Outcome.CREATED
    if is_unchanged(page, record, as_draft=review is not None):
        return Outcome.UNCHANGED
    _update(page, record, catalogue, review=review)
    return Outcome.UPDATED


def is_unchanged(page: MunicipalityOwnedPage, record: Record, *, as_draft: bool = False) -> bool:
    """Whether writing `record` would leave `page` as it is (or as it waits for review).

    The stored side is normalised like an incoming line, so a page an editor wrote
    (with Draftail's block keys, say) is not rewritten merely for being exported and
    imported again.
    """
    current = read_page(version_under_review(page) if as_draft else page, record.record_type)
    for field_ in record.record_type.fields:
        wanted = record.values[field_.attribute]
        if field_.kind is Kind.PUBLISHED and wanted is None:
            continue
        if normalise(field_.kind, current[field_.attribute]) != wanted:
            return False
    return True


def _create(record: Record, catalogue: Catalogue, *, review: Review | None) -> None:
    record_type = record.record_type
    # A draft is created unpublished; it goes live when the Kennisredactie approves.
    page = record_type.model(external_id=record.external_id, live=review is None)
    _assign_scalars(page, record, catalogue)
    _index_for(record, catalogue).add_child(instance=page)
    _save(page, record, catalogue, first_import=True, review=review)


def _update(
    page: MunicipalityOwnedPage, record: Record, catalogue: Catalogue, *, review: Review | None
) -> None:
    index = _index_for(record, catalogue)
    if page.get_parent().pk != index.pk:
        _move(page, index)
        page = record.record_type.model.objects.get(pk=page.pk)
    _assign_scalars(page, record, catalogue)
    _save(page, record, catalogue, first_import=False, review=review)


def _index_for(record: Record, catalogue: Catalogue) -> CaseIndexPage:
    return case_index_for(catalogue.municipalities[record.value_of(Kind.OWNER)])


def _assign_scalars(page: MunicipalityOwnedPage, record: Record, catalogue: Catalogue) -> None:
    for field_ in record.record_type.fields:
        if field_.kind not in _SCALAR_KINDS:
            continue
        value = record.values[field_.attribute]
        if field_.kind is Kind.TERM:
            value = catalogue.term(field_.vocabulary, value) if value else None
        setattr(page, field_.attribute, value)


def _relation_objects(field_: Field, values: tuple[str, ...], catalogue: Catalogue) -> list:
    if field_.kind is Kind.TERMS:
        return [catalogue.term(field_.vocabulary, slug) for slug in values]
    if field_.kind is Kind.MUNICIPALITIES:
        return [catalogue.municipalities[code] for code in values]
    cases = [find_page(CasePage, external_id) for external_id in values]
    missing = [external_id for external_id, case in zip(values, cases, strict=True) if case is None]
    if missing:
        raise LookupError(f"related case(s) not found: {', '.join(missing)}")
    return cases


def _save(
    page: MunicipalityOwnedPage,
    record: Record,
    catalogue: Catalogue,
    *,
    first_import: bool,
    review: Review | None,
) -> None:
    """Save the record's relations in a new revision, publish it, then the page's extras.

    Visibility and the publication date live outside the revision (a view restriction,
    and timestamps Wagtail sets on publish), so they are written after it. A draft
    carries the date in the revision instead, where publishing on approval keeps it.
    """
    for field_ in record.record_type.fields:
        if field_.kind in _RELATION_KINDS:
            objects = _relation_objects(field_, record.values[field_.attribute], catalogue)
            getattr(page, field_.attribute).set(objects)
    owner = catalogue.municipalities[record.value_of(Kind.OWNER)]
    check_import_references(page, owner, new=first_import)
    published_at = record.value_of(Kind.PUBLISHED)
    if review is not None:
        if published_at is not None:
            page.first_published_at = start_of_day(published_at)
        submit_for_review(page, review)
        _restrict_only(page, members_only=record.value_of(Kind.VISIBILITY))
        return
    page.save_revision().publish()
    set_members_only(page, record.value_of(Kind.VISIBILITY))
    if published_at is not None:
        moment = start_of_day(published_at)
        # Wagtail stamps "now" on publish; the file's date is when it really appeared.
        stamps = {"first_published_at": moment}
        if first_import:
            stamps["last_published_at"] = moment
        Page.objects.filter(pk=page.pk).update(**stamps)
        # An update sends no signal of its own: say so, for the copies sorted and
        # faceted by these dates (search's fallback table).
        page_dates_changed.send(sender=type(page), page_ids=[page.pk])


def _restrict_only(page: MunicipalityOwnedPage, *, members_only: bool) -> None:
    """A reviewed import may make a page members-only, never make one public.

    The view restriction is not part of a revision, so whatever is set here applies at
    once, before any review. Tightening is safe to apply early; opening a members-only
    page to everyone is a moderator's decision (it is logged and told to the
    municipality's editors), so a draft import leaves such a page members-only and the
    Kennisredactie lifts the restriction in the admin if the change is right.
    """
    if members_only or not is_members_only(page):
        set_members_only(page, members_only)


def _move(page: MunicipalityOwnedPage, index: CaseIndexPage) -> None:
    """Move `page` under another municipality's index, renaming its slug if taken there.

    Wagtail validates the moved page's slug against its new siblings and would refuse
    the move; the rename is saved first, so it must be free under both parents.
    """
    old_parent = page.get_parent()
    if _slug_taken(page.slug, index, page):
        suffix = 2
        while _slug_taken(f"{page.slug}-{suffix}", index, page) or _slug_taken(
            f"{page.slug}-{suffix}", old_parent, page
        ):
            suffix += 1
        page.slug = f"{page.slug}-{suffix}"
        page.save()
    page.move(index, pos="last-child")


def _slug_taken(slug: str, parent: Page, page: Page) -> bool:
    return parent.get_children().filter(slug=slug).exclude(pk=page.pk).exists()
