from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.interchange.importer import ImportResult, import_lines
from cases.management.quiet import quiet_wagtail


class Command(BaseCommand):
    help = (
        "Import casusbladen and lessen from a JSON Lines file. Idempotent on external_id: "
        "unchanged records are not touched, changed ones get a new revision. "
        "Without --as-draft, imported pages are PUBLISHED AT ONCE, WITHOUT the "
        "Kennisredactie's review: right for a trusted migration, not for a file you have "
        "not checked. Every bad line is reported with its number; the good lines are "
        "still imported, each in its own transaction, and the command then exits non-zero."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("jsonl_file", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without writing anything.",
        )
        parser.add_argument(
            "--as-draft",
            action="store_true",
            help=(
                "Submit each new or changed record to the Kennisredactie-review workflow "
                "instead of publishing it: a new page stays unpublished and an existing "
                "page keeps its live version until a moderator approves; the moderators "
                "get Wagtail's mail for each submission (not in a dry run). A move to "
                "another municipality and making a page members-only apply at once; a "
                "members-only page is never made public this way."
            ),
        )

    def handle(self, *args, jsonl_file: Path, dry_run: bool, as_draft: bool, **options) -> None:
        try:
            # Binary, so a line that is not UTF-8 is reported as that line's problem
            # instead of aborting the whole file.
            with jsonl_file.open("rb") as handle, quiet_wagtail(options["verbosity"]):
                result = import_lines(
                    handle, dry_run=dry_run, as_draft=as_draft, progress=self._progress
                )
        except OSError as error:
            raise CommandError(f"cannot read {jsonl_file}: {error.strerror}") from error

        if options["verbosity"] > 1:
            for line in result.results:
                self.stdout.write(f"line {line.line}: {line.external_id} {line.outcome}")
        if result.had_no_records:
            what = "is empty" if result.lines_read == 0 else "has only blank lines"
            self.stderr.write(
                self.style.WARNING(f"{jsonl_file.name} {what}: no records, nothing imported.")
            )
        prefix = "dry run, nothing written; would be: " if dry_run else ""
        if as_draft:
            prefix += "as drafts submitted for review (nothing published): "
        summary = f"{jsonl_file.name}: {prefix}{result.summary()}"
        if result.problems:
            self.stdout.write(self.style.WARNING(summary))
            raise CommandError(self._report(jsonl_file, result))
        self.stdout.write(self.style.SUCCESS(summary))

    def _progress(self, lines_read: int, result: ImportResult) -> None:
        self.stderr.write(f"{lines_read} lines read: {result.summary()}", style_func=str)

    @staticmethod
    def _report(jsonl_file: Path, result: ImportResult) -> str:
        lines = [
            f"  {jsonl_file.name} line {problem.line}: {'; '.join(problem.reasons)}"
            for problem in result.problems
        ]
        if result.dry_run:
            head = f"{result.failed} line(s) would fail (dry run, nothing was written):"
        else:
            head = (
                f"{result.failed} line(s) failed and were NOT imported "
                "(every other line was); the failed lines:"
            )
        return head + "\n" + "\n".join(lines)
