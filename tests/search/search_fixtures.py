"""The demo content, imported and indexed in the real node, for the read-side tests."""

import pytest

from search.relevance import ensure_demo_content, index_now


@pytest.fixture
def demo_content(db):
    ensure_demo_content()


@pytest.fixture
def demo_index(demo_content, es_client):
    index_now()
