"""The one Elasticsearch query builder: the search page and the API use it, and
question routing builds on its clauses (search.routing_queries).

Text clauses, each a ``should`` so a document may match any way and ranks by how
many and how well:

- best_fields over the stemmed main fields (title weighs most, then summary, then
  the sections and les body), so inflections meet ("mantelzorgers" ~ "mantelzorg");
- an exact-phrase boost: on the unstemmed ``exact`` subfields of title and summary,
  on the stemmed fields of the long texts (which have no exact subfield);
- the decompounded ``parts`` subfields, so "mantelzorgondersteuning" and
  "mantelzorg" find each other, at a lower weight;
- fuzziness on the ``exact`` subfields only (ES #25518) and only for words of five
  letters or more (``AUTO:5,8``): typos, at the lowest weight;
- the synonym groups found in the query (search.synonym_set), as phrases;
- the query's words against the names of municipalities, provinces and taxonomy
  terms, and type words ("lessen") against the type: what people type instead of
  clicking a facet ranks first, without filtering anything out.

A query of four words or more is a sentence: a page must also contain most of its
words (``coverage_filter``), which bounds what the clauses and facets have to visit.

Visibility is a filter of the query itself, so hits, facet counts, suggestions,
did-you-mean and related cases are all computed over visible pages only. Facets
are multi-select: the selections are a ``post_filter``, and each facet's
aggregation is filtered by every selection except its own.
"""

from __future__ import annotations

from search import facets
from search.documents import CASE, MEMBERS, PAGE_TYPES, PUBLIC, QUESTION, SECTION_FIELDS
from search.query_text import ParsedQuery

SECTIONS = [f"sections.{name}" for name in SECTION_FIELDS.values()]
# Field -> weight of the main text fields (a resolved question's accepted answer last).
PAGE_TEXT_FIELDS = {"title": 4.0, "summary": 2.0, **dict.fromkeys(SECTIONS, 1.0), "body": 1.0}
TEXT_FIELDS = {**PAGE_TEXT_FIELDS, "answer": 1.0}
TERM_LABELS = [
    "themes.label",
    "decentralisaties.label",
    "risicos.label",
    "kansen.label",
    "profiel.label",
]
# The fields with an unstemmed ``exact`` subfield (search.analysis.dutch_text_field):
# the long texts have none, and take their phrases on the stemmed field.
EXACT_TEXT_FIELDS = {"title": TEXT_FIELDS["title"], "summary": TEXT_FIELDS["summary"]}
LONG_TEXT_FIELDS = {name: w for name, w in TEXT_FIELDS.items() if name not in EXACT_TEXT_FIELDS}
FUZZY_FIELDS = EXACT_TEXT_FIELDS
NAME_FIELDS = {"municipality.name": 1.5, "province.text": 0.5}
HTML_FIELDS = {*SECTIONS, "body", "answer"}
FUZZINESS = "AUTO:5,8"  # no edits below five letters, one up to seven, two beyond
FRAGMENT_SIZE = 160
# What a Hit is made of: the index holds more, the answer carries only this.
HIT_SOURCE = [
    "page_id",
    "question_id",
    "external_id",
    "url",
    "type",
    "title",
    "summary",
    "municipality",
    "year",
]


def weighted_fields(
    weights: dict[str, float], subfield: str | None = None, factor: float = 1.0
) -> list[str]:
    suffix = f".{subfield}" if subfield else ""
    return [f"{name}{suffix}^{weight * factor:g}" for name, weight in weights.items()]


def visibility_filter(members: bool) -> dict:
    return {"terms": {"visibility": [PUBLIC, MEMBERS] if members else [PUBLIC]}}


def type_filter(types=PAGE_TYPES) -> dict:
    """Pages only, unless the caller asks for other documents too (resolved questions)."""
    return {"terms": {"type": list(types)}}


def readable_filter(types, *, members: bool, question_members: bool) -> dict:
    """The documents of ``types`` the caller may read: pages by the pages' rule
    (cases.visibility), resolved questions by the questions' own (search.sources)."""
    pages = {"bool": {"filter": [visibility_filter(members), type_filter(PAGE_TYPES)]}}
    if QUESTION not in types:
        return pages
    questions = [visibility_filter(question_members), type_filter([QUESTION])]
    return {"bool": {"should": [pages, {"bool": {"filter": questions}}], "minimum_should_match": 1}}


def synonym_phrases(parsed: ParsedQuery, weights: dict[str, float]) -> list[dict]:
    """The other terms of each synonym group found in the query, each as a phrase."""
    return [
        {
            "multi_match": {
                "query": other,
                "type": "phrase",
                "fields": weighted_fields(weights, factor=0.8),
            }
        }
        for _term, others in parsed.synonyms
        for other in others
    ]


def best_fields(text: str, fields: list[str]) -> dict:
    """The best-matching field counts, the others a little (tie_breaker)."""
    return {
        "multi_match": {"query": text, "type": "best_fields", "fields": fields, "tie_breaker": 0.3}
    }


def names_and_terms(text: str) -> dict:
    """The words against taxonomy labels and the names of municipalities and provinces."""
    return {
        "multi_match": {
            "query": text,
            "type": "most_fields",
            "fields": [*TERM_LABELS, *weighted_fields(NAME_FIELDS)],
            "boost": 1.5,
        }
    }


def _fuzzy(text: str) -> dict:
    """Typos: on the exact subfield only (fuzziness is dropped where a position holds
    several tokens, ES #25518), and of the title and summary only.

    Every long word of the query expands into up to twenty terms per field; over
    the sections and les bodies too, that was 85 % of a search's time on 10k
    documents (bench/search_bench.py). A misspelt word still finds the pages whose
    title or summary names what was meant: where a page is about something, it
    says so there.
    """
    return {
        "multi_match": {
            "query": text,
            "type": "best_fields",
            "fields": weighted_fields(FUZZY_FIELDS, "exact", 0.3),
            "fuzziness": FUZZINESS,
            "prefix_length": 1,
            "max_expansions": 20,
        }
    }


def text_query(parsed: ParsedQuery) -> dict:
    text = parsed.text
    should = [
        best_fields(text, weighted_fields(TEXT_FIELDS)),
        {
            "multi_match": {
                "query": text,
                "type": "phrase",
                "fields": [
                    *weighted_fields(EXACT_TEXT_FIELDS, "exact", 1.5),
                    *weighted_fields(LONG_TEXT_FIELDS, factor=1.5),
                ],
                "slop": 1,
            }
        },
        best_fields(text, weighted_fields(TEXT_FIELDS, "parts", 0.5)),
        _fuzzy(text),
        names_and_terms(text),
    ]
    should += synonym_phrases(parsed, TEXT_FIELDS)
    for kind in parsed.types:
        should.append({"term": {"type": {"value": kind, "boost": 2.0}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


# A query of this many words or more is a sentence: a page must share a good part of
# it. Without a bound, "jongeren van school naar werk begeleiden zonder bijstand"
# matched 96 % of a 100k corpus on one of its words, and every clause and facet then
# visited nearly every document (bench/query_cost_bench.py).
LONG_QUERY_WORDS = 4
LONG_QUERY_SHARE = "60%"


def coverage_filter(parsed: ParsedQuery) -> dict | None:
    """For long queries: pages that contain most of its words, in any field together.

    ``cross_fields`` counts each word once over the stemmed main fields together, so
    the title may carry one word and a section another. Ranking is left to the text
    query: this only bounds what it has to score. Over the decompounded and name
    fields as well, the filter cost more than it saved (bench/query_cost_bench.py).
    """
    # Numbers (a year, a phone number, a case number) are not words a page shares.
    counted = [word for word in parsed.words if not any(char.isdigit() for char in word)]
    if len(counted) < LONG_QUERY_WORDS:
        return None
    fields = list(TEXT_FIELDS)
    return {
        "multi_match": {
            "query": " ".join(counted),
            "type": "cross_fields",
            "fields": fields,
            "minimum_should_match": LONG_QUERY_SHARE,
        }
    }


def _selection(filters: dict, skip: str | None = None) -> list[dict]:
    return [
        {"terms": {facets.FIELDS[name]: list(values)}}
        for name, values in filters.items()
        if name != skip
    ]


def aggregations(filters: dict) -> dict:
    aggs = {}
    for name, field in facets.FIELDS.items():
        terms = {"terms": {"field": field, "size": facets.SIZES.get(name, facets.DEFAULT_SIZE)}}
        aggs[name] = {
            "filter": {"bool": {"filter": _selection(filters, skip=name)}},
            "aggs": {"values": terms},
        }
    return aggs


def highlight(parsed: ParsedQuery) -> dict:
    """What to mark in the hits: the query's words and their synonyms, stemmed.

    The highlighter gets a lean query of its own, one best_fields over the main
    (stemmed) fields with the words and every synonym of them: it marks the same
    words the text query matches, inflections included, but runs no phrase, fuzzy or
    per-subfield clause. Each of those re-analyses every stored text per hit: with
    them, highlighting took three times as long as the rest of a search on 10k
    documents (bench/search_bench.py); phrase words are marked as words anyway, and
    a typo's correct spelling is offered by did-you-mean.

    The title whole, two passages of the summary, and the best passage of each
    section and body: a hit on the page shows two fragments in all, summary first,
    and every further passage per section cost a search about a tenth of its time
    (100k documents, median 88 -> 78 ms: bench/query_cost_bench.py).
    """
    fields = {
        name: {"fragment_size": FRAGMENT_SIZE, "number_of_fragments": 1} for name in TEXT_FIELDS
    }
    fields["title"] = {"number_of_fragments": 0}
    fields["summary"] = {"fragment_size": FRAGMENT_SIZE, "number_of_fragments": 2}
    words = [parsed.text, *(other for _term, others in parsed.synonyms for other in others)]
    return {
        "encoder": "html",
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "fields": fields,
        "highlight_query": best_fields(" ".join(words), weighted_fields(TEXT_FIELDS)),
    }


# A suggestion is checked where its words can be found: unstemmed where there is a
# subfield for it, stemmed in the long texts.
SUGGESTION_CHECK_FIELDS = [*(f"{name}.exact" for name in EXACT_TEXT_FIELDS), *LONG_TEXT_FIELDS]


def did_you_mean(text: str) -> dict:
    """A phrase suggestion over the unstemmed words (checked by ``suggestion_check``)."""
    return {
        "text": text,
        "did_you_mean": {
            "phrase": {
                "field": "summary.exact",
                "size": 3,
                "max_errors": 2,
                "confidence": 1.0,
                "direct_generator": [
                    {"field": "title.exact", "suggest_mode": "always", "min_word_length": 4},
                    {"field": "summary.exact", "suggest_mode": "always", "min_word_length": 4},
                ],
            }
        },
    }


def suggestion_check(suggestion: str, members: bool) -> dict:
    """A suggestion counts only if it finds a page this reader may see.

    Elasticsearch's own ``collate`` needs the mustache module, which the local node
    lacks; one count request does the same everywhere, and keeps words that occur in
    members-only pages alone from ever being suggested to an anonymous visitor.
    """
    return {
        "bool": {
            "filter": [visibility_filter(members), type_filter()],
            "must": {
                "multi_match": {
                    "query": suggestion,
                    "fields": SUGGESTION_CHECK_FIELDS,
                    "operator": "and",
                }
            },
        }
    }


def search_body(
    parsed: ParsedQuery,
    *,
    filters: dict,
    sort: str,
    offset: int,
    size: int,
    members: bool,
    types=PAGE_TYPES,
    question_members: bool = False,
    whole_text: bool = False,
) -> dict:
    must = [text_query(parsed)] if parsed.words else [{"match_all": {}}]
    readable = [readable_filter(types, members=members, question_members=question_members)]
    if parsed.words and not whole_text and (coverage := coverage_filter(parsed)):
        readable.append(coverage)
    body = {
        "query": {"bool": {"must": must, "filter": readable}},
        "aggs": aggregations(filters),
        "from": offset,
        "size": size,
        "track_total_hits": True,
        "_source": HIT_SOURCE,
    }
    if filters:
        body["post_filter"] = {"bool": {"filter": _selection(filters)}}
    if sort == "newest" or not parsed.words:
        body["sort"] = [
            {"first_published_at": {"order": "desc", "missing": "_last"}},
            {"page_id": "desc"},
        ]
    if parsed.words:
        body["highlight"] = highlight(parsed)
        if len(parsed.text) >= 4:
            body["suggest"] = did_you_mean(parsed.text)
    return body


def suggest_body(prefix: str, *, members: bool, size: int) -> dict:
    return {
        "query": {
            "bool": {
                "must": {"match": {"suggest": {"query": prefix, "operator": "and"}}},
                "should": {
                    "match": {"title.suggest": {"query": prefix, "operator": "and", "boost": 2}}
                },
                "filter": [visibility_filter(members), type_filter()],
            }
        },
        "size": size,
        "_source": ["title", "url", "suggest"],
    }


def related_body(
    page_id: int, like_text: str, terms: dict[str, list[str]], *, members: bool, size: int
) -> dict:
    """Casusbladen like this page: shared wording (more_like_this) plus shared terms."""
    should = [
        {
            "more_like_this": {
                "fields": ["title", "summary", *SECTIONS, "body"],
                "like": like_text,
                "min_term_freq": 1,
                "min_doc_freq": 1,
                "max_query_terms": 30,
                "minimum_should_match": "10%",
            }
        }
    ]
    for field, slugs in terms.items():
        if slugs:
            should.append({"terms": {f"{field}.slug": slugs, "boost": 2.0}})
    return {
        "query": {
            "bool": {
                "should": should,
                "minimum_should_match": 1,
                "filter": [visibility_filter(members), {"term": {"type": CASE}}],
                "must_not": [{"term": {"page_id": page_id}}],
            }
        },
        "size": size,
        "_source": HIT_SOURCE,
    }
