"""The demo content, imported and indexed in the real node, and an empty index, for the tests."""

import itertools

import pytest
from django.db import transaction
from django.test import override_settings

from search import client
from search.documents import alias
from search.lifecycle import rebuild
from search.relevance import ensure_demo_content, index_now

DEAD_NODE = "http://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture(scope="module")
def demo_content_of_module(django_db_setup, django_db_blocker):
    """The demo content, imported once per test module in a transaction rolled back at
    the module's end.

    Importing the 70 demo pages (publishing, revisions, Wagtail's reference and admin
    search index) is the costliest set-up of the suite; per test it took most of the
    suite's time. Each test's own transaction is a savepoint inside this one, so what a
    test writes is still undone after it, and the tests that need the content run
    last in their module (``pytest_collection_modifyitems`` below), so no other test
    sees it.
    """
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        try:
            ensure_demo_content()
        except BaseException as error:
            atomic.__exit__(type(error), error, error.__traceback__)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def demo_content(demo_content_of_module, request, db):
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or "transaction" in marker.args):
        pytest.fail("demo_content lives in a transaction: not for transactional tests")


@pytest.fixture
def demo_index(demo_content, es_client):
    # Per test: the database is rolled back after each test, Elasticsearch is not.
    index_now()


@pytest.fixture
def dead_elasticsearch():
    """A configured Elasticsearch that does not answer: search must fall back."""
    client._client.cache_clear()
    with override_settings(ELASTICSEARCH_URL=DEAD_NODE):
        yield
    client._client.cache_clear()


def _module_of(item: pytest.Item) -> str:
    return item.nodeid.split("::")[0]


def _needs_demo_content(item: pytest.Item) -> bool:
    return "demo_content_of_module" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In each run of tests of one module, the tests on the demo content after the
    others, so the module's shared import is set up only after every test that must
    not see it. Runs after pytest-django's ordering (transactional tests last) and
    keeps it: only tests next to each other in the same module change places."""
    reordered: list[pytest.Item] = []
    for _, run in itertools.groupby(items, key=_module_of):
        reordered.extend(sorted(run, key=_needs_demo_content))
    items[:] = reordered


@pytest.fixture
def fresh_index(es_client, municipalities):
    """An empty content index behind the alias, gone after the test."""
    pattern = f"{alias()}*"
    es_client.indices.delete(index=pattern, ignore_unavailable=True, allow_no_indices=True)
    rebuild()
    yield es_client
    es_client.indices.delete(index=pattern, ignore_unavailable=True, allow_no_indices=True)
