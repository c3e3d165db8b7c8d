"""The routing set: Dutch questions with graded expert municipalities over the demo content.

``questions_nl.jsonl`` holds one question a line: its text, the asking
municipality, its kind and judgements per CBS code, 1-3 (3: its pages are about
exactly this; 2: clearly about it; 1: touches it; absent: 0), judged by reading
the demo content, not by looking at what the router returned. The kinds:

- ``close``: the question uses the expert's own terms;
- ``paraphrased``: the same need in other words;
- ``indirect``: the need described without the expert's terms.

Scored per kind as MRR and top-1 (first answer of grade 2 or more) and recall@5
(grade 2 or more), with search.relevance's metrics; the members' view, so the
figures measure ranking, not visibility.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from search import relevance
from search.client import get_client
from search.documents import MEMBERS, PUBLIC, SECTION_FIELDS, alias

QUESTIONS_FILE = Path(__file__).resolve().parent / "questions_nl.jsonl"
KINDS = ("close", "paraphrased", "indirect")
RECALL_CUTOFF = 5
RANKED = 10  # municipalities each ranking returns: MRR counts a hit up to rank 10
# The baseline's fields: the same Dutch-stemmed text, without weights or synonyms.
PLAIN_FIELDS = [
    "title",
    "summary",
    *(f"sections.{name}" for name in SECTION_FIELDS.values()),
    "body",
]


@dataclass(frozen=True)
class RoutingQuestion:
    question: str
    kind: str
    asker: str
    grades: dict[str, int]


def load() -> list[RoutingQuestion]:
    return [
        RoutingQuestion(r["question"], r["kind"], r["asker"], r["judgements"])
        for r in relevance.read_jsonl(QUESTIONS_FILE)
    ]


def evaluate(ranking: Callable[[RoutingQuestion], list[str]]) -> dict[str, dict[str, float]]:
    """Per kind and ``overall``: MRR, top-1 and recall@5 of ``ranking`` (CBS codes)."""
    per_kind: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for judged in load():
        ranked = ranking(judged)
        first = relevance.reciprocal_rank(ranked, judged.grades)
        per_kind[judged.kind].append(
            (first, float(first == 1.0), relevance.recall(ranked, judged.grades, RECALL_CUTOFF))
        )
    per_kind["overall"] = [value for kind in KINDS for value in per_kind[kind]]
    return {
        kind: {
            name: sum(values[index] for values in per_kind[kind]) / len(per_kind[kind])
            for index, name in enumerate(("mrr", "top1", "recall5"))
        }
        for kind in (*KINDS, "overall")
    }


def baseline(judged: RoutingQuestion) -> list[str]:
    """Plain BM25 per municipality: the best score of its pages for a plain multi_match."""
    body = {
        "query": {
            "bool": {
                "must": {"multi_match": {"query": judged.question, "fields": PLAIN_FIELDS}},
                "filter": {"terms": {"visibility": [PUBLIC, MEMBERS]}},
                "must_not": {"term": {"municipality.code": judged.asker}},
            }
        },
        "size": 200,
        "_source": ["municipality.code"],
    }
    response = get_client().options(request_timeout=60).search(index=alias(), body=body)
    ranked: list[str] = []
    for hit in response["hits"]["hits"]:  # best first: a municipality's first hit is its max
        code = hit["_source"]["municipality"]["code"]
        if code not in ranked:
            ranked.append(code)
    return ranked[:RANKED]
