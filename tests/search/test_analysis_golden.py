"""Golden cases of every analyzer in search/analysis.py, on the real node.

The local node runs analysis-common's names from elasticsearch-node/analysis-plugin/ while
production runs Elastic's own module: these cases pin the behaviour both must have,
so a drift between the two (or a changed word file) fails here.
"""

import pytest
from elasticsearch_dsl import Index, Mapping

from search.analysis import (
    ANALYZERS,
    EXACT,
    PARTS,
    STEMMER_OVERRIDES_FILE,
    SUGGEST,
    analysis_settings,
    data_lines,
    dutch_text_field,
    protected_words,
    stemmer_overrides,
)
from search.client import index_name

pytestmark = pytest.mark.elasticsearch

GOLDEN = [
    # Inflections meet their lemma's stem.
    ("dutch_text", "gemeenten", ["gemeent"]),
    ("dutch_text", "gemeente", ["gemeent"]),
    ("dutch_text", "gemeentes", ["gemeent"]),
    ("dutch_text", "mantelzorgers", ["mantelzorger"]),
    ("dutch_text", "wijkteams", ["wijkteam"]),
    ("dutch_text", "problemen", ["problem"]),
    # ASCII folding, the original kept where it differs; both stem alike.
    ("dutch_text", "coöperatie", ["cooperatie"]),
    ("dutch_text", "cooperatie", ["cooperatie"]),
    ("dutch_text", "cliënten", ["client"]),
    # Protected abbreviations stay; the Dutch 's of a plural goes.
    ("dutch_text", "Wmo", ["wmo"]),
    ("dutch_text", "pgb's", ["pgb"]),
    ("dutch_text", "VVE", ["vve"]),
    ("dutch_text", "PTSS", ["ptss"]),
    ("dutch_text", "Vilans", ["vilans"]),
    ("dutch_text", "Kwadraad", ["kwadraad"]),
    # Stop words go; HTML is text, not words.
    ("dutch_text", "De wet van de gemeente", ["wet", "gemeent"]),
    ("dutch_text", "<p>Het&nbsp;<b>wijkteam</b></p>", ["wijkteam"]),
    # Stemmer overrides.
    ("dutch_text", "kinderen", ["kind"]),
    ("dutch_text", "ouderen", ["ouderen"]),
    ("dutch_text", "ouders", ["ouder"]),
    ("dutch_text", "regelingen", ["regeling"]),
    ("dutch_text", "lessen", ["les"]),
    # Exact: unstemmed with stop words, folded with the original.
    ("dutch_exact", "De gemeenten", ["de", "gemeenten"]),
    ("dutch_exact", "Coöperatie", ["cooperatie", "coöperatie"]),
    ("dutch_exact", "pgb's", ["pgb"]),
    # Exact search side: one token per position, so fuzziness applies.
    ("dutch_exact_search", "Coöperatie", ["cooperatie"]),
    # Decompounding: a compound yields its parts...
    (
        "dutch_decompound",
        "mantelzorgondersteuning",
        ["mantelzorgondersteun", "mantelzorg", "ondersteun"],
    ),
    ("dutch_decompound", "jeugdhulpverlening", ["jeugdhulpverlen", "jeugdhulp", "verlen"]),
    ("dutch_decompound", "participatiewet", ["participatiewet", "participatie", "wet"]),
    ("dutch_decompound", "armoedebeleid", ["armoedebeleid", "armoed", "beleid"]),
    ("dutch_decompound", "arbeidsmarkt", ["arbeidsmarkt", "arbeid", "markt"]),
    ("dutch_decompound", "cliëntondersteuning", ["clientondersteun", "client", "ondersteun"]),
    ("dutch_decompound", "buurtinitiatieven", ["buurtinitiatiev", "buurt", "initiatiev"]),
    # ... and a part or a domain concept stays whole.
    ("dutch_decompound", "ondersteuning", ["ondersteun"]),
    ("dutch_decompound", "mantelzorg", ["mantelzorg"]),
    ("dutch_decompound", "leerlingen", ["leerling"]),
    ("dutch_decompound", "Wmo-consulenten", ["wmo", "consulent"]),
    # Suggestions: prefixes at index time, plain folded words at search time.
    ("suggest_prefix", "Zorg", ["zo", "zor", "zorg"]),
    ("suggest_prefix", "Coöp", ["co", "coo", "coop"]),
    ("suggest_search", "Coöp", ["coop"]),
]


@pytest.fixture(scope="module")
def analysis_index(es_client):
    index = Index(index_name("analysis-golden"), using=es_client)
    index.settings(analysis=analysis_settings())
    index.create()
    yield index._name
    index.delete()


def _tokens(client, index: str, analyzer: str, text: str) -> list[str]:
    response = client.indices.analyze(index=index, analyzer=analyzer, text=text)
    return [token["token"] for token in response["tokens"]]


def test_golden_cases_cover_every_analyzer():
    assert {case[0] for case in GOLDEN} == {each._name for each in ANALYZERS}


@pytest.mark.parametrize(("analyzer", "text", "expected"), GOLDEN)
def test_golden_case(es_client, analysis_index, analyzer, text, expected):
    assert _tokens(es_client, analysis_index, analyzer, text) == expected


@pytest.mark.parametrize(
    ("analyzer", "word", "part"),
    [
        ("dutch_decompound", "mantelzorgondersteuning", "mantelzorg"),
        ("dutch_decompound", "jeugdhulpverlening", "jeugdhulp"),
        ("dutch_decompound", "schuldhulpverlening", "schuldhulp"),
        ("dutch_decompound", "kinderopvangtoeslag", "kinderopvang"),
    ],
)
def test_a_part_finds_its_compound_and_the_compound_its_part(
    es_client, analysis_index, analyzer, word, part
):
    """Both directions: the query's part is among the compound's tokens, and a query
    for the compound shares a token with a document that only has the part."""
    compound_tokens = _tokens(es_client, analysis_index, analyzer, word)
    part_tokens = _tokens(es_client, analysis_index, analyzer, part)
    assert set(part_tokens) <= set(compound_tokens)
    assert len(compound_tokens) > len(part_tokens)


def test_every_stemmer_override_holds(es_client, analysis_index):
    """Each form on a rule's left analyses to the rule's result, as does the result."""
    rules = stemmer_overrides()
    assert rules == data_lines(STEMMER_OVERRIDES_FILE)
    for rule in rules:
        forms, result = rule.split("=>")
        for form in [*forms.split(","), result]:
            assert _tokens(es_client, analysis_index, "dutch_text", form.strip()) == [
                result.strip()
            ], rule


def test_every_protected_word_stays_unstemmed(es_client, analysis_index):
    for word in protected_words():
        assert _tokens(es_client, analysis_index, "dutch_text", word) == [word]


def test_the_protection_is_needed_for_names(es_client):
    """Without the marker the stemmer would cut them: the list is not decoration."""
    for name, stemmed in [("vilans", "vilan"), ("kwadraad", "kwadrad")]:
        response = es_client.indices.analyze(
            tokenizer="standard", filter=[{"type": "stemmer", "language": "dutch"}], text=name
        )
        assert [token["token"] for token in response["tokens"]] == [stemmed]


@pytest.mark.parametrize(
    ("one", "other"),
    [("ouders", "ouderen"), ("regel", "regeling"), ("tak", "taak"), ("men", "mens")],
)
def test_different_words_keep_different_stems(es_client, analysis_index, one, other):
    assert _tokens(es_client, analysis_index, "dutch_text", one) != _tokens(
        es_client, analysis_index, "dutch_text", other
    )


def test_a_mapping_with_every_analyzer_finds_inflections_and_compounds(es_client):
    """The analysis as search/documents.py will use it: fields from dutch_text_field in
    a strict elasticsearch-dsl mapping (which brings the analyzers into the settings),
    one document, and the searches each subfield exists for."""
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("title", dutch_text_field(suggest=True))
    mapping.field("body", dutch_text_field())
    index = Index(index_name("analysis-mapping"), using=es_client)
    index.mapping(mapping)
    index.create()
    try:
        es_client.index(
            index=index._name,
            id="1",
            document={
                "title": "Mantelzorgondersteuning in Lopik",
                "body": "<p>De coöperatie van gemeenten regelt mantelzorgondersteuning.</p>",
            },
            refresh=True,
        )

        def hits(query: dict) -> list[str]:
            found = es_client.search(index=index._name, query=query)["hits"]["hits"]
            return [hit["_id"] for hit in found]

        assert hits({"match": {"body": "gemeente"}}) == ["1"]
        assert hits({"match": {f"body.{PARTS}": "mantelzorg"}}) == ["1"]
        assert hits({"match": {"body": "mantelzorg"}}) == []
        assert hits({"match_phrase": {f"body.{EXACT}": "coöperatie van gemeenten"}}) == ["1"]
        fuzzy = {"query": "cooperatei", "fuzziness": 1}
        assert hits({"match": {f"body.{EXACT}": fuzzy}}) == ["1"]
        assert hits({"match": {f"title.{SUGGEST}": "mantelz"}}) == ["1"]
        assert hits({"match": {f"title.{SUGGEST}": "lopi"}}) == ["1"]
    finally:
        index.delete()
