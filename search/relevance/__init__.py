"""The relevance set: Dutch queries with graded judgements over the demo content.

``queries_nl.jsonl`` holds one query a line: the text, its kind (exact, inflection,
compound, synonym, typo, facet-intent, long) and judgements per demo external ID,
0-3 (3: the page is about exactly this; 2: clearly about it; 1: touches it; absent: 0),
judged by reading the demo content, not by looking at what search returned. Scored
as nDCG@10 with gains 2^grade - 1, over everything (members' view), so the figures
measure ranking, not visibility.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from elasticsearch.helpers import bulk

from cases.models import CasePage
from search.client import get_client
from search.documents import alias, index_body, indexable_pages, to_actions

QUERIES_FILE = Path(__file__).resolve().parent / "queries_nl.jsonl"
DEMO_FILE = Path(settings.BASE_DIR) / "cases" / "demo" / "kennisbank-demo.jsonl"
CUTOFF = 10


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    grades: dict[str, int]


def read_jsonl(path: Path) -> list[dict]:
    """One JSON record a line, blank lines skipped: the format of the judged sets."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load() -> list[Judged]:
    return [Judged(r["query"], r["kind"], r["judgements"]) for r in read_jsonl(QUERIES_FILE)]


def ndcg(ranked: list[str], grades: dict[str, int], cutoff: int = CUTOFF) -> float:
    def dcg(values: list[int]) -> float:
        return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(values))

    ideal = dcg(sorted(grades.values(), reverse=True)[:cutoff])
    return dcg([grades.get(key, 0) for key in ranked[:cutoff]]) / ideal if ideal else 0.0


RELEVANT = 2  # the grade from which an answer counts as a hit for MRR, top-1 and recall


def reciprocal_rank(ranked: list[str], grades: dict[str, int], relevant: int = RELEVANT) -> float:
    """1/rank of the first relevant answer, 0 when none is ranked (MRR, averaged)."""
    for rank, key in enumerate(ranked, start=1):
        if grades.get(key, 0) >= relevant:
            return 1.0 / rank
    return 0.0


def recall(
    ranked: list[str], grades: dict[str, int], cutoff: int, relevant: int = RELEVANT
) -> float:
    """The share of the relevant answers among the first ``cutoff``."""
    wanted = {key for key, grade in grades.items() if grade >= relevant}
    return len(wanted & set(ranked[:cutoff])) / len(wanted) if wanted else 0.0


def evaluate(ranking: Callable[[str], list[str]]) -> dict[str, float]:
    """Mean nDCG@10 per kind and ``overall``; ``ranking`` maps a query to external IDs."""
    per_kind: dict[str, list[float]] = defaultdict(list)
    for judged in load():
        per_kind[judged.kind].append(ndcg(ranking(judged.query), judged.grades))
    scores = {kind: sum(values) / len(values) for kind, values in sorted(per_kind.items())}
    every = [value for values in per_kind.values() for value in values]
    scores["overall"] = sum(every) / len(every)
    return scores


def ensure_demo_content() -> None:
    if not CasePage.objects.filter(external_id__startswith="demo-").exists():
        call_command("import_municipalities", verbosity=0)
        call_command("import_kennisbank", str(DEMO_FILE), verbosity=0)


def index_now() -> None:
    """Every indexable page in a fresh physical index behind the alias (its own prefix)."""
    client = get_client()
    name = f"{alias()}-relevance"
    client.indices.delete(index=f"{alias()}*", ignore_unavailable=True, allow_no_indices=True)
    client.indices.create(index=name, **index_body())
    bulk(client, to_actions(indexable_pages(), index=name), refresh=True)
    client.indices.put_alias(index=name, name=alias())
