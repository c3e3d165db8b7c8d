import json
import sys

from django.core.management.base import BaseCommand, CommandError
from elasticsearch import ApiError, TransportError

from search import fallback_table
from search.client import is_configured
from search.indexing import IndexingError, drain
from search.lifecycle import rebuild, reconcile, rollback, status


def progress_bar(done: int, total: int, width: int = 40) -> None:
    filled = width * done // total if total else width
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


ACTIONS = ["rebuild", "rollback", "reconcile", "drain", "status", "fallback"]


class Command(BaseCommand):
    help = (
        "Manage the content index: rebuild, rollback, reconcile [--repair], drain, status; "
        "fallback rebuilds the database fallback's search table (no Elasticsearch needed)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=ACTIONS)
        parser.add_argument("--repair", action="store_true", help="reconcile: fix the drift")

    def handle(self, *args, action: str, repair: bool, **options) -> None:
        if action == "fallback":
            # After writes that bypassed Wagtail's signals (search.fallback_table).
            self.stdout.write(f"Fallback search table rebuilt: {fallback_table.rebuild()} pages.")
            return
        if not is_configured():
            raise CommandError("ELASTICSEARCH_URL is not set: there is no index to manage.")
        try:
            getattr(self, f"do_{action}")(repair=repair, verbosity=options["verbosity"])
        except (TransportError, ApiError, IndexingError) as error:
            raise CommandError(f"{type(error).__name__}: {error}") from error

    def do_rebuild(self, verbosity: int, **_options) -> None:
        name = rebuild(progress=progress_bar if verbosity else None)
        self.stdout.write(f"Rebuilt: the alias now points at {name}.")

    def do_rollback(self, **_options) -> None:
        self.stdout.write(f"Rolled back: the alias now points at {rollback()}.")

    def do_drain(self, **_options) -> None:
        self.stdout.write(f"Drained {drain()} outbox rows.")

    def do_reconcile(self, repair: bool, **_options) -> None:
        drift = reconcile(repair=repair)
        for kind in ("missing", "extra", "stale"):
            pages = sorted(getattr(drift, kind), key=str)
            self.stdout.write(f"{kind}: {len(pages)} {pages[:20] if pages else ''}".rstrip())
        if not drift:
            self.stdout.write("No drift.")
        elif repair:
            self.stdout.write(f"Repaired {len(drift.pages)} documents.")
        else:
            raise CommandError("The index has drifted; run with --repair to fix it.")

    def do_status(self, **_options) -> None:
        self.stdout.write(json.dumps(status(), indent=2))
