"""Synonym rules in Solr format: the Kennisredactie's synonym set and its seed file.

Synonyms are not part of any index-time analysis chain (decompounders and synonym
filters do not mix, ES #34331 and #40000); the query is expanded from these rules
instead, so a change takes effect without a reindex and behaves the same on every
node. One rule per line:

    pgb, persoonsgebonden budget          equivalent terms
    rolstoel, scootmobiel => hulpmiddelen one way: the left side also finds the right

Blank lines and ``#`` comments are ignored; terms are lower-cased and their spaces
collapsed. The parser reports every bad line at once, with its number, so the admin
form and the seed file's test can show all problems together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

SEED_FILE = Path(__file__).resolve().parent / "data" / "synonyms_nl.txt"
ONE_WAY = "=>"


@dataclass(frozen=True)
class SynonymRule:
    """One line: the terms a query may contain and the terms it then also searches."""

    line: int
    terms: tuple[str, ...]
    expands_to: tuple[str, ...]

    @property
    def one_way(self) -> bool:
        return self.terms != self.expands_to


@dataclass(frozen=True)
class SynonymProblem:
    """A problem of one line, translated when shown (in the reader's language)."""

    line: int
    template: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return str(self.template) % self.params if self.params else str(self.template)

    def __str__(self) -> str:
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class SynonymError(ValueError):
    """The rules have problems; ``problems`` lists each with its line number."""

    def __init__(self, problems: list[SynonymProblem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


def normalise_term(term: str) -> str:
    return re.sub(r"\s+", " ", term).strip().lower()


def _split_terms(side: str) -> list[str]:
    return [normalise_term(term) for term in side.split(",")]


def _parse_line(number: int, text: str) -> tuple[SynonymRule | None, list[SynonymProblem]]:
    problems = []
    sides = text.split(ONE_WAY)
    if len(sides) > 2:
        return None, [SynonymProblem(number, _("more than one “=>”"))]
    left = _split_terms(sides[0])
    right = _split_terms(sides[1]) if len(sides) == 2 else left
    if any(not term for term in left + right):
        problems.append(
            SynonymProblem(number, _("an empty term (two commas, or a comma at the end)"))
        )
    for side in (left, right) if len(sides) == 2 else (left,):
        repeated = sorted({term for term in side if term and side.count(term) > 1})
        if repeated:
            problems.append(
                SynonymProblem(number, _("“%(term)s” appears twice"), {"term": repeated[0]})
            )
    if len(sides) == 1 and len(left) < 2:
        problems.append(SynonymProblem(number, _("a group needs at least two terms")))
    if problems:
        return None, problems
    return SynonymRule(number, tuple(left), tuple(right)), []


def parse_synonyms(text: str) -> list[SynonymRule]:
    """The rules of ``text``; raises SynonymError listing every problem.

    Beyond each line's syntax, a term may appear on the left of one rule only: a term
    in two groups would silently merge them, which the editor should decide instead.
    """
    rules: list[SynonymRule] = []
    problems: list[SynonymProblem] = []
    first_line_of: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        content = raw.split("#", 1)[0].strip()
        if not content:
            continue
        rule, line_problems = _parse_line(number, content)
        problems.extend(line_problems)
        if rule is None:
            continue
        for term in rule.terms:
            if term in first_line_of:
                problems.append(
                    SynonymProblem(
                        number,
                        _("“%(term)s” is already in the group on line %(line)d"),
                        {"term": term, "line": first_line_of[term]},
                    )
                )
            else:
                first_line_of[term] = number
        rules.append(rule)
    if problems:
        raise SynonymError(problems)
    return rules


def load_seed() -> list[SynonymRule]:
    return parse_synonyms(SEED_FILE.read_text(encoding="utf-8"))


def expansions(rules: Iterable[SynonymRule]) -> dict[str, tuple[str, ...]]:
    """For every term a query may contain, the other terms it should also search."""
    result: dict[str, tuple[str, ...]] = {}
    for rule in rules:
        for term in rule.terms:
            result[term] = tuple(other for other in rule.expands_to if other != term)
    return result


def unanalysable_terms(
    rules: Iterable[SynonymRule], analyse: Callable[[str], list[str]]
) -> list[SynonymProblem]:
    """Terms that the search analyzer reduces to nothing (only stop words, say).

    Such a term could never match, so the rule would silently do nothing.
    """
    problems = []
    for rule in rules:
        for term in dict.fromkeys(rule.terms + rule.expands_to):
            if not analyse(term):
                problems.append(
                    SynonymProblem(
                        rule.line, _("“%(term)s” leaves no words to search"), {"term": term}
                    )
                )
    return problems
