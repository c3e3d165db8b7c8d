"""The background side of indexing: drain the outbox, retrying with backoff."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from elasticsearch import ApiError, TransportError

from search.indexing import IndexingError, drain

logger = logging.getLogger(__name__)
MAX_RETRIES = 6
FIRST_RETRY_SECONDS = 5


def retry_delay(attempt: int) -> timedelta:
    """5 s, 10 s, 20 s, ... : a short outage heals quickly, a long one is not hammered."""
    return timedelta(seconds=FIRST_RETRY_SECONDS * 2**attempt)


@task()
def drain_outbox(attempt: int = 0) -> int:
    """Write the pending outbox rows; on failure they stay pending and a retry is planned.

    Beyond the last retry the rows still stay: the next change, or the periodic
    ``manage.py search_index drain``, writes them.
    """
    try:
        return drain()
    except (TransportError, ApiError, IndexingError) as error:
        logger.warning("Search outbox not drained (attempt %d): %s", attempt + 1, error)
        if attempt < MAX_RETRIES and drain_outbox.get_backend().supports_defer:
            drain_outbox.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(attempt + 1)
        return 0
