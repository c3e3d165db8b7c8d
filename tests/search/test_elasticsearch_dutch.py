"""Dutch analysis against the real Elasticsearch node."""

import pytest
from elasticsearch_dsl import Index

from search.analysis import dutch_text
from search.client import index_name

pytestmark = pytest.mark.elasticsearch


def _tokens(client, index: str, analyzer: str, text: str) -> list[str]:
    response = client.indices.analyze(index=index, analyzer=analyzer, text=text)
    return [token["token"] for token in response["tokens"]]


@pytest.fixture
def dutch_index(es_client):
    index = Index(index_name("analysis-check"), using=es_client)
    index.analyzer(dutch_text)
    index.create()
    yield index._name
    index.delete()


def test_server_is_the_pinned_elasticsearch_version(es_client):
    nodes = es_client.nodes.info(metric="plugins")["nodes"]
    (node,) = nodes.values()
    assert node["version"].startswith("8.19.")


def test_gemeenten_and_gemeente_share_a_stem(es_client, dutch_index):
    plural = _tokens(es_client, dutch_index, "dutch_text", "gemeenten")
    singular = _tokens(es_client, dutch_index, "dutch_text", "gemeente")
    assert plural == singular
    assert len(plural) == 1


def test_builtin_dutch_analyzer_stems_the_same_way(es_client, dutch_index):
    assert _tokens(es_client, dutch_index, "dutch", "gemeenten") == _tokens(
        es_client, dutch_index, "dutch", "gemeente"
    )


def test_dutch_text_drops_stop_words_and_folds_diacritics(es_client, dutch_index):
    tokens = _tokens(es_client, dutch_index, "dutch_text", "De coöperatie van het wijkteam")
    assert "de" not in tokens and "van" not in tokens and "het" not in tokens
    assert tokens[0] == _tokens(es_client, dutch_index, "dutch_text", "cooperatie")[0]


def test_a_search_for_the_singular_finds_the_plural(es_client, dutch_index):
    es_client.indices.put_mapping(
        index=dutch_index, properties={"body": {"type": "text", "analyzer": "dutch_text"}}
    )
    es_client.index(
        index=dutch_index,
        id="1",
        document={"body": "Samenwerking tussen gemeenten in de regio"},
        refresh=True,
    )
    hits = es_client.search(index=dutch_index, query={"match": {"body": "gemeente"}})["hits"]
    assert [hit["_id"] for hit in hits["hits"]] == ["1"]
