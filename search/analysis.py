"""The Dutch analysis chains of every Kennisbank index, for search/documents.py to map.

Four analyzers, each a field or subfield of the same text:

- ``dutch_text`` (main field): HTML stripped, lower-cased, ASCII-folded with the
  original kept ("coöperatie" and "cooperatie" meet, the accented form still matches
  itself), Dutch stop words dropped, protected words (Wmo, pgb, Jeugdwet: a data file)
  left unstemmed, the Snowball stemmer's known mistakes overridden (another data file),
  then the Snowball ``dutch`` stemmer (not ``dutch_kp``, deprecated in 8.16).
- ``dutch_exact`` / ``dutch_exact_search`` (exact subfield): folded but unstemmed and
  with stop words, for phrases and typo matching. The search side keeps one token per
  position, because fuzziness is silently dropped where a position holds several
  (ES #25518).
- ``dutch_decompound`` (decompounded subfield): as the main chain, but compounds also
  yield their parts ("mantelzorgondersteuning" → mantelzorg, ondersteuning) from the
  hyphenation patterns and word list of elasticsearch-node/config/analysis/, so either
  direction finds the other. Used at index and search time.
- ``suggest_prefix`` / ``suggest_search``: edge n-grams of titles and terms for
  suggest-as-you-type, searched with the plain folded words.

Synonyms are deliberately absent: the query is expanded from the Kennisredactie's set
(search/synonyms.py), because decompounders and synonym filters do not mix (ES #34331,
#40000) and a query-time expansion needs no reindex and no file on the nodes.

Only analysis-common names are used: production gets them from Elastic's image, the
local node from elasticsearch-node/analysis-plugin/, and the golden tests in
tests/search/ run on the latter so drift shows.
"""

from pathlib import Path

from elasticsearch_dsl import Text, analyzer, token_filter

DATA_DIR = Path(__file__).resolve().parent / "data"
PROTECTED_WORDS_FILE = DATA_DIR / "protected_words_nl.txt"
STEMMER_OVERRIDES_FILE = DATA_DIR / "stemmer_overrides_nl.txt"
# Relative to Elasticsearch's config directory (see elasticsearch-node/config/analysis/).
HYPHENATION_PATTERNS_PATH = "analysis/nl_hyphenation.xml"
COMPOUND_PARTS_PATH = "analysis/nl_compound_parts.txt"


def data_lines(path: Path) -> list[str]:
    """The non-blank lines of a data file, without ``#`` comments."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def protected_words() -> list[str]:
    return sorted({word.lower() for word in data_lines(PROTECTED_WORDS_FILE)})


def stemmer_overrides() -> list[str]:
    return data_lines(STEMMER_OVERRIDES_FILE)


folding = token_filter("kb_folding", "asciifolding", preserve_original=True)
dutch_stop = token_filter("kb_dutch_stop", "stop", stopwords="_dutch_")
protected = token_filter("kb_protected", "keyword_marker", keywords=protected_words())
stem_overrides = token_filter("kb_stem_overrides", "stemmer_override", rules=stemmer_overrides())
dutch_stemmer = token_filter("kb_dutch_stemmer", "stemmer", language="dutch")
decompounder = token_filter(
    "kb_decompounder",
    "hyphenation_decompounder",
    hyphenation_patterns_path=HYPHENATION_PATTERNS_PATH,
    word_list_path=COMPOUND_PARTS_PATH,
    # Per split point only the longest part, and parts that do not overlap: "jeugdhulp"
    # + "verlening", not also "hulp", "hulpverlening" and "lening".
    only_longest_match=True,
    no_overlapping_matches=True,
    min_word_size=6,
    min_subword_size=3,  # "wet" in "jeugdwet"
    max_subword_size=15,
)
prefixes = token_filter("kb_prefixes", "edge_ngram", min_gram=2, max_gram=20)

# Before anything else: "pgb's" → "pgb" (Dutch plural and possessive 's).
_WORDS = ["lowercase", "apostrophe"]
_STEMMING = [protected, stem_overrides, dutch_stemmer, "remove_duplicates"]

dutch_text = analyzer(
    "dutch_text",
    char_filter=["html_strip"],
    tokenizer="standard",
    filter=[*_WORDS, folding, dutch_stop, *_STEMMING],
)
dutch_exact = analyzer(
    "dutch_exact",
    char_filter=["html_strip"],
    tokenizer="standard",
    filter=[*_WORDS, folding],
)
dutch_exact_search = analyzer(
    "dutch_exact_search",
    char_filter=["html_strip"],
    tokenizer="standard",
    filter=[*_WORDS, "asciifolding"],
)
# Decompounded before folding: the word list and patterns carry the accents.
dutch_decompound = analyzer(
    "dutch_decompound",
    char_filter=["html_strip"],
    tokenizer="standard",
    filter=[*_WORDS, dutch_stop, decompounder, "asciifolding", *_STEMMING],
)
suggest_prefix = analyzer(
    "suggest_prefix", tokenizer="standard", filter=[*_WORDS, "asciifolding", prefixes]
)
suggest_search = analyzer("suggest_search", tokenizer="standard", filter=[*_WORDS, "asciifolding"])

ANALYZERS = (
    dutch_text,
    dutch_exact,
    dutch_exact_search,
    dutch_decompound,
    suggest_prefix,
    suggest_search,
)


# Subfield names, for the query builder's field lists ("title.exact", "summary.parts").
EXACT, PARTS, SUGGEST = "exact", "parts", "suggest"


def dutch_text_field(*, exact: bool = True, suggest: bool = False, **kwargs) -> Text:
    """A Dutch text field with its exact and decompounded subfields.

    ``exact=False`` leaves the unstemmed subfield out: the long texts (sections, les
    bodies, answers) take their phrases on the stemmed field, which ranks as well
    (nDCG@10 0.931 -> 0.932) and spares a rebuild a third analysis of most of the
    text (bench/analysis_cost_bench.py: 1.45x the documents per second). Typos and
    did-you-mean read the title and summary only. ``suggest=True`` adds the prefix
    subfield of suggest-as-you-type, for titles and taxonomy labels. Mapped through
    elasticsearch-dsl, the analyzers' definitions come along into the index settings.
    """
    fields = {PARTS: Text(analyzer=dutch_decompound)}
    if exact:
        fields[EXACT] = Text(analyzer=dutch_exact, search_analyzer=dutch_exact_search)
    if suggest:
        fields[SUGGEST] = Text(analyzer=suggest_prefix, search_analyzer=suggest_search)
    return Text(analyzer=dutch_text, fields=fields, **kwargs)


def analysis_settings() -> dict:
    """The ``settings.analysis`` of an index with every analyzer above."""
    merged: dict[str, dict] = {}
    for each in ANALYZERS:
        for kind, definitions in each.get_analysis_definition().items():
            merged.setdefault(kind, {}).update(definitions)
    return merged
