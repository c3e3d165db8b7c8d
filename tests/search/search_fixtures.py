"""The demo content, imported and indexed in the real node, and an empty index, for the tests."""

import pytest
from django.test import override_settings

from search import client
from search.documents import alias
from search.lifecycle import rebuild
from search.relevance import ensure_demo_content, index_now

DEAD_NODE = "http://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture
def demo_content(db):
    ensure_demo_content()


@pytest.fixture
def demo_index(demo_content, es_client):
    index_now()


@pytest.fixture
def dead_elasticsearch():
    """A configured Elasticsearch that does not answer: search must fall back."""
    client._client.cache_clear()
    with override_settings(ELASTICSEARCH_URL=DEAD_NODE):
        yield
    client._client.cache_clear()


@pytest.fixture
def fresh_index(es_client, municipalities):
    """An empty content index behind the alias, gone after the test."""
    pattern = f"{alias()}*"
    es_client.indices.delete(index=pattern, ignore_unavailable=True, allow_no_indices=True)
    rebuild()
    yield es_client
    es_client.indices.delete(index=pattern, ignore_unavailable=True, allow_no_indices=True)
