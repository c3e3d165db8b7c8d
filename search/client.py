"""The one place that knows how to reach Elasticsearch.

elasticsearch-dsl documents and the raw client share the connection registered
here, configured from ELASTICSEARCH_URL with timeouts short enough that a dead
cluster fails a task quickly instead of holding a worker.
"""

from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch_dsl import connections

ALIAS = "default"


class ElasticsearchNotConfigured(RuntimeError):
    pass


def is_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


@cache
def _client(url: str, timeout: float) -> Elasticsearch:
    client = Elasticsearch(
        url,
        request_timeout=timeout,
        max_retries=2,
        retry_on_timeout=True,
    )
    connections.add_connection(ALIAS, client)
    return client


def get_client() -> Elasticsearch:
    """The shared client (also registered as elasticsearch-dsl's default connection)."""
    if not is_configured():
        raise ElasticsearchNotConfigured("ELASTICSEARCH_URL is not set")
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


def index_name(name: str) -> str:
    """Prefix an index name so tests, demo and production never share indices."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{name}"
