"""The database fallback's Dutch words: stop words and a crude stemmer.

Elasticsearch analyses Dutch with Snowball and a stop list (search.analysis); the
database cannot, so the fallback and the router's word evidence share this small
stand-in: a stop list and suffix stripping that keeps at least ``MIN_STEM``
letters, so "mantelzorgers" finds "mantelzorg" as a substring.
"""

from __future__ import annotations

from search import query_text

# Common Dutch function words: they match everywhere, so they do not count as words.
STOP_WORDS = frozenset(
    {
        "de",
        "het",
        "een",
        "en",
        "van",
        "in",
        "op",
        "te",
        "dat",
        "die",
        "voor",
        "met",
        "aan",
        "er",
        "is",
        "om",
        "als",
        "bij",
        "ook",
        "tot",
        "uit",
        "zijn",
        "niet",
        "maar",
        "over",
        "door",
        "naar",
        "wat",
        "wie",
        "hoe",
        "of",
        "nog",
        "dan",
        "al",
        "zo",
        "je",
        "we",
        "ze",
        "hun",
        "onze",
        "wordt",
        "worden",
        "werd",
        "kan",
        "kunnen",
        "moet",
        "moeten",
        "heeft",
        "hebben",
        "was",
        "waren",
    }
)
# Longest first; a stem keeps at least MIN_STEM characters.
SUFFIXES = ("heden", "ingen", "eren", "ers", "en", "es", "er", "e", "s")
MIN_STEM = 4


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def word_groups(parsed: query_text.ParsedQuery) -> list[list[str]]:
    """Per query word the substrings that may stand for it: its stem and its synonyms."""
    groups: dict[str, list[str]] = {}
    for word in parsed.words:
        if word not in STOP_WORDS and word not in query_text.TYPE_WORDS and len(word) > 1:
            groups.setdefault(word, [stem(word)])
    for term, others in parsed.synonyms:
        key = term
        groups.setdefault(key, [stem(term)] if " " not in term else [term])
        groups[key].extend(others)
    return [list(dict.fromkeys(group)) for group in groups.values()]
