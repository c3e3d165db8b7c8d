#!/usr/bin/env python3
"""Build the Dutch decompounding data of elasticsearch-node/config/analysis/ from open packages.

    apt-get install hyphen-nl wdutch        # once: the sources (OpenTaal, BSD / CC BY 3.0)
    .venv/bin/python scripts/build_dutch_wordlists.py [--check]

Writes two files that the index settings name relative to Elasticsearch's config
directory (scripts/elasticsearch.sh copies them into the local node, docker-compose
mounts them into Elastic's image):

- nl_hyphenation.xml: Debian hyphen-nl's Hunspell/libhyphen patterns
  (/usr/share/hyphen/hyph_nl_NL.dic) converted to the FOP XML that Lucene's
  HyphenationCompoundWordTokenFilter reads, plus a pattern that allows a split right
  after each of the 1,500 parts that most often start a compound (see
  joint_patterns). Lucene only splits at hyphenation points, and
  typesetting patterns follow syllables, not the joints of compounds: they hyphenate
  "mantelzor-gonder-steuning", so "mantelzorg" + "ondersteuning" would never be found.
- nl_compound_parts.txt: the words that a compound may be split into, filtered from
  Debian wdutch's OpenTaal word list (/usr/share/dict/dutch): lower-case words only (no
  names, abbreviations or numbers), without stop words and particles, and *without
  compounds of two listed words*, because Lucene never splits a word that is itself in
  the list. Compounds that the seed synonyms name (search/data/synonyms_nl.txt: domain
  concepts such as "mantelzorg" or "wijkteam") stay whole, as do their inflections.

--check rebuilds in memory and exits 1 when the committed files differ.
The output is deterministic (sorted, no dates).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.conf import settings  # noqa: E402

from search.synonyms import SynonymRule, load_seed  # noqa: E402

if not settings.configured:  # the parser's messages, when run outside the project
    settings.configure(USE_I18N=False)
OUT_DIR = ROOT / "elasticsearch-node" / "config" / "analysis"
HYPHEN_SOURCE = Path("/usr/share/hyphen/hyph_nl_NL.dic")
WORDS_SOURCE = Path("/usr/share/dict/dutch")

LETTERS = "abcdefghijklmnopqrstuvwxyzàáâäçèéêëíîïñóôöúûü"
MIN_PART, MAX_PART = 3, 15
# Lucene's Dutch stop words and the particles and prefixes that start derived words
# ("verlening", "uitkering", "opvang"): never a compound part of their own.
NOT_PARTS = frozenset(
    """aan achter af al als andere ben bij dan dat de deze die dit doch doen door dus een
    eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand
    iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet
    niets nog nu of om omdat ons ook op over reeds samen te tegen terug toch toe toen tot
    u uit uw van veel ver voor want waren was wat weg werd wezen wie wil worden wordt zal
    ze zelf zich zij zijn zo zonder zou be her ont mis wan mee""".split()  # noqa: SIM905
)
# Derivational endings, not second parts: "leerling" is not "leer" + "ling".
SUFFIXES = frozenset(
    "aar achtig baar dom eling heid ing isme iteit je lijk ling loos schap ster tje zaam".split()  # noqa: SIM905
)
LINKS = ("", "s", "e", "en")
INFLECTIONS = ("", "s", "n", "en", "e", "er", "ers")
VOWELS = set("aeiouyàáâäèéêëíîïóôöúûü")
# Above every value in hyphen-nl except three 8s and a 9, so the joint wins.
JOINT_VALUE = "7"
JOINT_LIMIT = 1500


def joint_patterns(parts: Iterable[str], words: Iterable[str]) -> list[str]:
    """Split points after the parts that most often start a compound ("zorg7").

    A syllable break hides the joint when the next part starts with a vowel
    ("zor-gaanbieder"), so a part ending in a consonant (not "s": a linking or plural
    s must stay free for the next part, "organisatie-structuur") earns a pattern when
    word-list compounds start with it and continue with a vowel-initial part. Lucene's
    pattern tree indexes its nodes with 16-bit chars and breaks beyond about 65,000
    nodes, which hyphen-nl's own patterns mostly fill: hence only the most productive
    JOINT_LIMIT parts. The pattern also serves longer words ("mantelzorg-ondersteuning").
    """
    part_set = set(parts)
    productive: dict[str, int] = {}
    for word in words:
        for cut in range(4, min(len(word) - MIN_PART, MAX_PART) + 1):
            head, tail = word[:cut], word[cut:]
            if head[-1] in VOWELS or head[-1] == "s" or tail[0] not in VOWELS:
                continue
            if head in part_set and tail in part_set:
                productive[head] = productive.get(head, 0) + 1
    ranked = sorted(productive, key=lambda part: (-productive[part], part))
    return [part + JOINT_VALUE for part in ranked[:JOINT_LIMIT]]


def _merge_patterns(patterns: list[str]) -> list[str]:
    """One pattern per letter sequence, with the highest value at each position.

    Lucene keeps only the last pattern of equal letters, so a joint pattern ("werk7")
    would otherwise replace hyphen-nl's own pattern for the same letters.
    """
    merged: dict[str, list[int]] = {}
    for pattern in patterns:
        letters = "".join(c for c in pattern if not c.isdigit())
        values = [0] * (len(letters) + 1)
        position = 0
        for c in pattern:
            if c.isdigit():
                values[position] = int(c)
            else:
                position += 1
        if letters in merged:
            values = [max(a, b) for a, b in zip(merged[letters], values, strict=True)]
        merged[letters] = values
    return [
        "".join(f"{v or ''}{c}" for v, c in zip(values, letters + " ", strict=True)).rstrip()
        for letters, values in merged.items()
    ]


def hunspell_to_fop(lines: Iterable[str], extra_patterns: Iterable[str] = ()) -> str:
    """Libhyphen patterns (first line the charset) as FOP hyphenation XML.

    Keywords (LEFTHYPHENMIN, NEXTLEVEL, ...) and non-standard patterns ("a1b/c=d,1,2")
    are dropped: Lucene reads neither. Every letter the patterns use, and its upper
    case, becomes a character class, because Lucene refuses to hyphenate a word with
    a letter outside the classes.
    """
    patterns = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("%", "#")) or line.split()[0].isupper():
            continue
        if "/" in line:
            continue
        patterns.append(line)
    if not patterns:
        raise ValueError("no hyphenation patterns found")
    patterns = _merge_patterns(patterns + list(extra_patterns))
    # Lucene inserts the patterns one by one into an unbalanced ternary tree, whose
    # recursion overflows the node's stack on long sorted runs: a fixed hash order
    # keeps it shallow and the file reproducible.
    patterns.sort(key=lambda p: hashlib.sha256(p.encode()).digest())
    letters = sorted({c for p in patterns for c in p if c.isalpha()} | set(LETTERS[:26]))
    classes = "\n".join(c + c.upper() if c.upper() != c else c for c in letters)
    body = "\n".join(escape(p) for p in patterns)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<!-- Generated by scripts/build_dutch_wordlists.py from Debian hyphen-nl"
        " (OpenTaal, BSD or CC BY 3.0). Do not edit. -->\n"
        "<hyphenation-info>\n"
        '<hyphen-char value="-"/>\n'
        '<hyphen-min before="2" after="2"/>\n'
        f"<classes>\n{classes}\n</classes>\n"
        f"<patterns>\n{body}\n</patterns>\n"
        "</hyphenation-info>\n"
    )


def read_hunspell_patterns(path: Path) -> list[str]:
    raw = path.read_bytes()
    charset, _, rest = raw.partition(b"\n")
    return rest.decode(charset.decode("ascii").strip() or "utf-8").splitlines()


def is_compound(word: str, words: set[str]) -> bool:
    """Whether the word is two listed words, optionally joined by a linking s, e or en."""
    for cut in range(4, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if tail in SUFFIXES or (len(tail) == 3 and tail.endswith("en")):
            # "initiatieven" is not "initiatie" + "ven": a short -en tail is an inflection.
            continue
        for link in LINKS:
            if not head.endswith(link) or len(head) - len(link) < 4:
                continue
            base = head[: len(head) - len(link)] if link else head
            if base in words and base not in NOT_PARTS and tail in words:
                return True
    return False


def concepts(rules: Iterable[SynonymRule]) -> set[str]:
    """Single-word terms of the seed synonyms: domain concepts that stay whole."""
    return {
        term
        for rule in rules
        for term in rule.terms + rule.expands_to
        if all(c in LETTERS for c in term)
    }


def compound_parts(source_words: Iterable[str], keep_whole: set[str]) -> list[str]:
    candidates = {
        w
        for w in (line.strip() for line in source_words)
        if MIN_PART <= len(w) <= MAX_PART and all(c in LETTERS for c in w) and w not in NOT_PARTS
    }
    kept = {w + ending for w in keep_whole for ending in INFLECTIONS} & candidates
    return sorted(w for w in candidates if w in kept or not is_compound(w, candidates))


def build() -> dict[Path, str]:
    for source in (HYPHEN_SOURCE, WORDS_SOURCE):
        if not source.exists():
            sys.exit(f"{source} is missing: apt-get install hyphen-nl wdutch")
    keep = concepts(load_seed())
    words = WORDS_SOURCE.read_text(encoding="utf-8").splitlines()
    parts = compound_parts(words, keep)
    lower_case = [w for w in words if w and all(c in LETTERS for c in w)]
    joints = joint_patterns(parts, lower_case)
    xml = hunspell_to_fop(read_hunspell_patterns(HYPHEN_SOURCE), joints)
    return {
        OUT_DIR / "nl_hyphenation.xml": xml,
        OUT_DIR / "nl_compound_parts.txt": "\n".join(parts) + "\n",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    args = parser.parse_args()
    outputs = build()
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
