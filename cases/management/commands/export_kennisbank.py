from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.interchange.exporter import export_lines


class Command(BaseCommand):
    help = (
        "Export the live casusbladen and lessen as JSON Lines (the import_kennisbank "
        "format): casusbladen first, each type ordered by external_id."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="File to write; standard output when left out."
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        if output is None:
            export_lines(self.stdout)
            return
        try:
            # Written beside the target and renamed, so a failed export never leaves
            # half a file where a complete one is expected.
            partial = output.with_name(output.name + ".partial")
            with partial.open("w", encoding="utf-8", newline="\n") as handle:
                written = export_lines(handle)
            partial.replace(output)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror}") from error
        # stderr, and unstyled: it is a note beside the data, not an error.
        self.stderr.write(f"{written} records written to {output}", style_func=str)
