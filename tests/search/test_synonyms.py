"""The synonym parser and validator, and the seed synonyms of the social domain."""

import pytest
from django.utils import translation
from elasticsearch_dsl import Index

from search.analysis import analysis_settings
from search.client import index_name
from search.synonyms import (
    SynonymError,
    SynonymRule,
    expansions,
    load_seed,
    parse_synonyms,
    unanalysable_terms,
)

EMPTY = "regel 1: een lege term (twee komma\u2019s achter elkaar, of een komma aan het eind)"


def _problems(text: str) -> list[str]:
    """The problems as the Kennisredactie reads them: in Dutch."""
    with pytest.raises(SynonymError) as raised:
        parse_synonyms(text)
    with translation.override("nl"):
        return [str(problem) for problem in raised.value.problems]


def test_equivalent_and_one_way_rules_with_comments_and_blank_lines():
    rules = parse_synonyms(
        "# a comment\n\nPgb,  Persoonsgebonden   Budget\n"
        "rolstoel, scootmobiel => hulpmiddelen # ok\n"
    )
    assert rules == [
        SynonymRule(3, ("pgb", "persoonsgebonden budget"), ("pgb", "persoonsgebonden budget")),
        SynonymRule(4, ("rolstoel", "scootmobiel"), ("hulpmiddelen",)),
    ]
    assert [rule.one_way for rule in rules] == [False, True]


def test_expansions_give_the_other_terms_of_a_group_and_the_target_of_a_one_way_rule():
    rules = parse_synonyms("wmo, wet maatschappelijke ondersteuning\nrolstoel => hulpmiddelen")
    assert expansions(rules) == {
        "wmo": ("wet maatschappelijke ondersteuning",),
        "wet maatschappelijke ondersteuning": ("wmo",),
        "rolstoel": ("hulpmiddelen",),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wmo, , jeugdwet", EMPTY),
        ("wmo,", EMPTY),
        ("=> hulpmiddelen", EMPTY),
        ("wmo", "regel 1: een groep heeft minstens twee termen nodig"),
        ("wmo, WMO", "regel 1: “wmo” staat er twee keer in"),
        ("a => b => c", "regel 1: meer dan één “=>”"),
    ],
)
def test_a_bad_line_is_reported_with_its_number(text, expected):
    assert _problems(text) == [expected]


def test_a_term_in_two_groups_or_a_repeated_group_is_refused_and_every_problem_listed():
    problems = _problems(
        "pgb, persoonsgebonden budget\nwmo\npgb, budget\nPGB, Persoonsgebonden budget"
    )
    assert problems == [
        "regel 2: een groep heeft minstens twee termen nodig",
        "regel 3: “pgb” staat al in de groep op regel 1",
        "regel 4: “pgb” staat al in de groep op regel 1",
        "regel 4: “persoonsgebonden budget” staat al in de groep op regel 1",
    ]


def test_the_seed_has_at_least_150_valid_groups_of_each_kind():
    rules = load_seed()
    assert len(rules) >= 150
    terms = {term for rule in rules for term in rule.terms}
    for expected in ("wmo", "pgb", "jeugdwet", "participatiewet", "wlz", "zvw", "wsnp", "bso"):
        assert expected in terms
    assert expansions(rules)["pgb"] == ("persoonsgebonden budget",)
    assert "buurtteam" in expansions(rules)["wijkteam"]


@pytest.mark.elasticsearch
def test_every_seed_term_leaves_words_to_search(es_client):
    index = Index(index_name("synonym-check"), using=es_client)
    index.settings(analysis=analysis_settings())
    index.create()
    try:

        def analyse(text: str) -> list[str]:
            response = es_client.indices.analyze(
                index=index._name, analyzer="dutch_text", text=text
            )
            return [token["token"] for token in response["tokens"]]

        assert unanalysable_terms(load_seed(), analyse) == []
        (problem,) = unanalysable_terms(parse_synonyms("de het, wmo"), analyse)
        with translation.override("nl"):
            assert str(problem) == "regel 1: van “de het” blijft geen zoekwoord over"
        with translation.override("en"):
            assert str(problem) == "line 1: “de het” leaves no words to search"
    finally:
        index.delete()
