import time

from django.core.management.base import BaseCommand, CommandError

from cases.editors import MODERATOR_GROUP, WORKFLOW_NAME, SetupError, setup_editors
from cases.management.quiet import quiet_wagtail


class Command(BaseCommand):
    help = (
        "Create or update the editorial setup for every imported municipality: a "
        "'Redactie Gemeente <name>' group that may edit (not publish) below the "
        "municipality's case index, its document collection, the Kennisredactie "
        "moderators and the Kennisredactie-review workflow. Idempotent; see cases/editors.py."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            elapsed = time.monotonic() - started
            self.stderr.write(f"  {done}/{total} municipalities ({elapsed:.1f}s)")

        try:
            with quiet_wagtail(options["verbosity"]):
                report = setup_editors(progress=progress)
        except SetupError as error:
            raise CommandError(str(error)) from error
        counts = report.municipalities
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.total} municipalities: {counts.created} created, "
                f"{counts.updated} updated, {counts.unchanged} unchanged; "
                f"group {MODERATOR_GROUP}: {report.moderators}; "
                f"workflow {WORKFLOW_NAME}: {report.workflow} "
                f"({time.monotonic() - started:.1f}s)"
            )
        )
