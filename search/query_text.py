"""What a query says, read the same way by Elasticsearch and the database fallback.

The words, the synonym expansions found in them (from the Kennisredactie's set), and
the words that name a document type ("lessen", "casusbladen"), so both backends
expand and boost alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from search.documents import CASE, LESSON
from search.synonym_set import current_groups
from search.synonyms import expansions, normalise_term

# The words people type for a type of document, singular and plural, Dutch and English.
TYPE_WORDS = {
    "casusblad": CASE,
    "casusbladen": CASE,
    "casus": CASE,
    "casussen": CASE,
    "case": CASE,
    "cases": CASE,
    "praktijkvoorbeeld": CASE,
    "praktijkvoorbeelden": CASE,
    "les": LESSON,
    "lessen": LESSON,
    "lesson": LESSON,
    "lessons": LESSON,
    "geleerde": LESSON,
}
MAX_PHRASE_WORDS = 6  # the longest synonym term the query is scanned for


def fold(text: str) -> str:
    """Lower-cased without accents: "Coöperatie" and "cooperatie" read alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    words: tuple[str, ...]
    # (term found in the query, the other terms of its group) per synonym found.
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]
    types: tuple[str, ...]


@functools.lru_cache(maxsize=4)
def _expansion_table(rules: tuple) -> dict[str, tuple[str, ...]]:
    # Folding every term of 200+ groups costs more than the rest of a parse: done once
    # per version of the set (the rules are frozen, so the set itself is the key).
    return {fold(normalise_term(term)): others for term, others in expansions(rules).items()}


def parse(text: str) -> ParsedQuery:
    query_words = words(text)
    table = _expansion_table(tuple(current_groups()))
    found: list[tuple[str, tuple[str, ...]]] = []
    start = 0
    while start < len(query_words):
        # Longest term first: "persoonsgebonden budget" before "budget".
        for length in range(min(MAX_PHRASE_WORDS, len(query_words) - start), 0, -1):
            candidate = " ".join(query_words[start : start + length])
            if table.get(candidate):
                found.append((candidate, table[candidate]))
                start += length
                break
        else:
            start += 1
    types = tuple(dict.fromkeys(TYPE_WORDS[word] for word in query_words if word in TYPE_WORDS))
    return ParsedQuery(" ".join(text.split()), tuple(query_words), tuple(found), types)
