from django.core.management.base import BaseCommand

from search.query_log import prune, retention_cutoff


class Command(BaseCommand):
    help = (
        "Delete logged searches older than SEARCH_LOG_RETENTION_MONTHS (13) months. "
        "Run it daily (cron or the scheduler of the platform)."
    )

    def handle(self, *args, **options) -> None:
        deleted = prune()
        self.stdout.write(f"deleted {deleted} searches logged before {retention_cutoff()}")
