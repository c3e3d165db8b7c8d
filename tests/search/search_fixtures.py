"""The demo content, imported and indexed in the real node, for the read-side tests."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from elasticsearch.helpers import bulk

from search.client import get_client
from search.documents import alias, index_body, indexable_pages, to_actions

DEMO_FILE = Path(settings.BASE_DIR) / "cases" / "demo" / "kennisbank-demo.jsonl"


def index_everything() -> None:
    """A fresh physical index behind the content alias, with every indexable page."""
    client = get_client()
    name = f"{alias()}-readside"
    client.indices.delete(index=f"{alias()}*", ignore_unavailable=True, allow_no_indices=True)
    client.indices.create(index=name, **index_body())
    bulk(client, to_actions(indexable_pages(), index=name), refresh=True)
    client.indices.put_alias(index=name, name=alias())


@pytest.fixture
def demo_content(municipalities):
    call_command("import_kennisbank", str(DEMO_FILE), verbosity=0)


@pytest.fixture
def demo_index(demo_content, es_client):
    index_everything()
