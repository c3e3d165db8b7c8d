"""Fixtures for the real services the suite runs against.

A test that needs Elasticsearch or PostgreSQL fails when the service is missing; it
never skips, so a CI run without the service cannot pass by testing less.
"""

import pytest
from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ConnectionError as ESConnectionError
from elasticsearch.exceptions import TransportError

from search.client import get_client

# Municipalities, page factories, editorial roles, a real SMTP server, the demo
# content in a search index and the dashboard's month of exchange, for every test package.
pytest_plugins = [
    "tests.page_fixtures",
    "tests.mail_fixtures",
    "tests.search.search_fixtures",
    "tests.insights.exchange_fixtures",
]


def _delete_test_indices(client: Elasticsearch) -> None:
    client.indices.delete(
        index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*",
        ignore_unavailable=True,
        allow_no_indices=True,
        expand_wildcards="all",
    )


@pytest.fixture(scope="session")
def es_client() -> Elasticsearch:
    """The real Elasticsearch node, with no test index left over from an earlier run."""
    client = get_client()
    try:
        client.cluster.health(wait_for_status="yellow", timeout="30s")
    except (ESConnectionError, TransportError) as error:
        pytest.fail(
            f"Elasticsearch is not reachable at {settings.ELASTICSEARCH_URL}: {error}. "
            "Start it with `scripts/elasticsearch.sh start` (make test does).",
            pytrace=False,
        )
    _delete_test_indices(client)
    yield client
    _delete_test_indices(client)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """No test reads what an earlier test's database left in the cache (its rollback
    does not clear it): the synonym set, the router's published counts."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
