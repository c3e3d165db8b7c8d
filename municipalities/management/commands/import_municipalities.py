from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from municipalities.cbs_csv import CBS_LIST, parse_municipalities
from municipalities.importing import save_municipalities


class Command(BaseCommand):
    help = (
        "Import municipalities from a CSV with the columns of the CBS list "
        "(cbs_code, name, province, population; optionally population_year, "
        "veiligheidsregio_code, area_km2). Idempotent; all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv_file", nargs="?", type=Path, default=CBS_LIST)

    def handle(self, *args, csv_file: Path, **options) -> None:
        try:
            with csv_file.open(encoding="utf-8-sig", newline="") as handle:
                parsed = parse_municipalities(handle)
        except OSError as error:
            raise CommandError(f"cannot read {csv_file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{csv_file} is not UTF-8: {error}") from error
        if parsed.ignored_columns:
            ignored = ", ".join(parsed.ignored_columns)
            self.stderr.write(self.style.WARNING(f"ignored unknown column(s): {ignored}"))
        if parsed.errors:
            report = "\n".join(f"  {csv_file.name} {error}" for error in parsed.errors)
            raise CommandError(f"{len(parsed.errors)} problem(s), nothing was imported:\n{report}")
        counts = save_municipalities(parsed.rows)
        self.stdout.write(self.style.SUCCESS(f"{len(parsed.rows)} municipalities: {counts}"))
