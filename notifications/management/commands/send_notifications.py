from django.core.management.base import BaseCommand

from notifications.digest import send_digests
from notifications.outbox import send_due


class Command(BaseCommand):
    help = (
        "Send the due mail of the notification outbox; with --digests, first bundle "
        "every waiting daily digest. The periodic sweep behind the worker's own tasks."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--digests", action="store_true", help="Bundle the digests first.")

    def handle(self, *args, digests: bool = False, **options) -> None:
        bundled = send_digests() if digests else 0
        report = send_due()
        self.stdout.write(
            f"digests: {bundled}, sent: {report.sent}, failed: {report.failed}, "
            f"next attempt: {report.next_attempt_at or '-'}"
        )
