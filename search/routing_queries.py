"""The Elasticsearch query of question routing: a question against every page.

Built from the search page's clauses (search.queries), leaner: a question is a
sentence, and the router wants each municipality's best pages, not a page of hits.
"""

from __future__ import annotations

from search.queries import (
    PAGE_TEXT_FIELDS,
    best_fields,
    names_and_terms,
    synonym_phrases,
    type_filter,
    visibility_filter,
    weighted_fields,
)
from search.query_text import ParsedQuery

# Routing compares a whole question with whole pages: the title weighs little more
# than the summary, so one incidental word in a short title ("in plaats van") cannot
# outweigh a page whose text covers the question (measured on the routing set:
# paraphrased MRR 0.80 -> 0.94 against the search page's weights).
ROUTING_FIELDS = {**PAGE_TEXT_FIELDS, "title": 2.0, "summary": 1.5}
# The decompounded clause of routing reads the title and summary only: a question's
# many words each match a page's long sections somewhere once split into parts, so
# over every section the clause scored most of the index for little (100k documents:
# routing p95 about half without the sections' parts; the routing set unchanged).
ROUTING_PARTS_FIELDS = {name: ROUTING_FIELDS[name] for name in ("title", "summary")}


def routing_query(parsed: ParsedQuery) -> dict:
    """The text query of question routing: the search page's, leaner.

    A question is a sentence, not two words in a search box: no exact-phrase clause
    (a whole question never occurs as a phrase) and no fuzzy clause (which expands
    every long word of it into up to twenty terms on every field, the main cost of
    a routing over a large index); type words are not boosted either, as "casus"
    in a question says nothing about the kind of page that answers it. The stemmed,
    decompounded and synonym clauses and the taxonomy labels stay: they carry the
    paraphrase.
    """
    text = parsed.text
    should = [
        best_fields(text, weighted_fields(ROUTING_FIELDS)),
        best_fields(text, weighted_fields(ROUTING_PARTS_FIELDS, "parts", 0.5)),
        names_and_terms(text),
        *synonym_phrases(parsed, ROUTING_FIELDS),
    ]
    return {"bool": {"should": should, "minimum_should_match": 1}}


MATCH_SOURCE = ["page_id", "type", "title", "url", "municipality.code", "themes.slug", "visibility"]


def match_body(
    parsed: ParsedQuery, *, members: bool, municipalities: int, per_municipality: int
) -> dict:
    """Each municipality's best pages for a text (question routing).

    A diversified sample keeps the best-scoring pages with at most
    ``per_municipality`` per municipality, so one municipality with a hundred
    matching pages cannot crowd the others out; no script is needed (the local
    node has no painless).
    """
    return {
        "query": {
            "bool": {
                "must": [routing_query(parsed)],
                "filter": [visibility_filter(members), type_filter()],
            }
        },
        "size": 0,
        "aggs": {
            "sample": {
                "diversified_sampler": {
                    "field": "municipality.code",
                    "max_docs_per_value": per_municipality,
                    "shard_size": municipalities * per_municipality,
                },
                "aggs": {
                    "municipalities": {
                        "terms": {"field": "municipality.code", "size": municipalities},
                        "aggs": {
                            "pages": {
                                "top_hits": {"size": per_municipality, "_source": MATCH_SOURCE}
                            }
                        },
                    }
                },
            }
        },
    }
