"""Writing checked Records as Wagtail pages: created, updated (a new revision) or left alone.

Each line is its own transaction, so a line that fails while saving takes nothing
with it (no page without its themes, no stray revision) and the lines around it
still land. A dry run does the same work inside one transaction that is rolled back,
so it reports exactly what a real run would, later lines seeing earlier ones.
"""

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page

from cases.indexes import case_index_for
from cases.interchange.catalogue import Catalogue
from cases.interchange.identity import find_page
from cases.interchange.records import LineProblem, Record, normalise, parse_line
from cases.interchange.schema import Field, Kind
from cases.interchange.snapshot import read_page
from cases.interchange.text import start_of_day
from cases.models import CaseIndexPage, CasePage
from cases.models.pages import MunicipalityOwnedPage
from cases.visibility import set_members_only
from municipalities.outcomes import Outcome

# Plain model fields, assigned on the page before a revision is saved.
_SCALAR_KINDS = (Kind.TEXT, Kind.HTML, Kind.EMAIL, Kind.DATE, Kind.CHOICE, Kind.TERM)
# Many-to-many fields: set after the page has a primary key.
_RELATION_KINDS = (Kind.TERMS, Kind.MUNICIPALITIES, Kind.CASES)


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

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)

    @property
    def failed(self) -> int:
        return len(self.problems)

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(outcome)} {outcome}" for outcome in Outcome)
        return f"{counts}, {self.failed} failed"


def import_lines(
    lines: Iterable[bytes | str],
    *,
    dry_run: bool = False,
    progress: Callable[[int, ImportResult], None] | None = None,
    progress_every: int = 100,
) -> ImportResult:
    """Import a JSON Lines file given as its lines; bad lines are reported, not raised."""
    result = ImportResult(dry_run=dry_run)
    catalogue = Catalogue.load()
    outer = transaction.atomic() if dry_run else contextlib.nullcontext()
    with outer:
        for number, raw in enumerate(lines, start=1):
            _import_line(number, raw, catalogue, result)
            if progress is not None and number % progress_every == 0:
                progress(number, result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _import_line(number: int, raw: bytes | str, catalogue: Catalogue, result: ImportResult) -> None:
    parsed = parse_line(number, raw, catalogue)
    if parsed is None:
        return
    if parsed.external_id:
        catalogue.first_line.setdefault(parsed.external_id, number)
    if isinstance(parsed, LineProblem):
        result.problems.append(parsed)
        return
    try:
        with transaction.atomic():
            outcome = write_record(parsed, catalogue)
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


def write_record(record: Record, catalogue: Catalogue) -> Outcome:
    """Create, update or leave alone the page `record` names. Call inside a transaction."""
    record_type = record.record_type
    page = find_page(record_type.model, record.external_id)
    if page is None:
        _create(record, catalogue)
        return Outcome.CREATED
    if is_unchanged(page, record):
        return Outcome.UNCHANGED
    _update(page, record, catalogue)
    return Outcome.UPDATED


def is_unchanged(page: MunicipalityOwnedPage, record: Record) -> bool:
    """Whether writing `record` would leave `page` as it is.

    The stored side is normalised like an incoming line, so a page an editor wrote
    (with Draftail's block keys, say) is not rewritten merely for being exported and
    imported again.
    """
    current = read_page(page, record.record_type)
    for field_ in record.record_type.fields:
        wanted = record.values[field_.attribute]
        if field_.kind is Kind.PUBLISHED and wanted is None:
            continue
        if normalise(field_.kind, current[field_.attribute]) != wanted:
            return False
    return True


def _create(record: Record, catalogue: Catalogue) -> None:
    record_type = record.record_type
    page = record_type.model(external_id=record.external_id)
    _assign_scalars(page, record, catalogue)
    _index_for(record, catalogue).add_child(instance=page)
    _publish(page, record, catalogue, first_import=True)


def _update(page: MunicipalityOwnedPage, record: Record, catalogue: Catalogue) -> None:
    index = _index_for(record, catalogue)
    if page.get_parent().pk != index.pk:
        _move(page, index)
        page = record.record_type.model.objects.get(pk=page.pk)
    _assign_scalars(page, record, catalogue)
    _publish(page, record, catalogue, first_import=False)


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


def _publish(
    page: MunicipalityOwnedPage, record: Record, catalogue: Catalogue, *, first_import: bool
) -> None:
    """Save the record's relations in a new revision, publish it, then the page's extras.

    Visibility and the publication date live outside the revision (a view restriction,
    and timestamps Wagtail sets on publish), so they are written after it.
    """
    for field_ in record.record_type.fields:
        if field_.kind in _RELATION_KINDS:
            objects = _relation_objects(field_, record.values[field_.attribute], catalogue)
            getattr(page, field_.attribute).set(objects)
    page.save_revision().publish()
    set_members_only(page, record.value_of(Kind.VISIBILITY))
    published_at = record.value_of(Kind.PUBLISHED)
    if published_at is not None:
        moment = start_of_day(published_at)
        # Wagtail stamps "now" on publish; the file's date is when it really appeared.
        stamps = {"first_published_at": moment}
        if first_import:
            stamps["last_published_at"] = moment
        Page.objects.filter(pk=page.pk).update(**stamps)


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
