"""Where a search's time goes: each part of the search body, dropped in turn.

    .venv/bin/python bench/query_cost_bench.py [--docs 10000] [--rounds 2] [--es-url ...]

The demo content and a generated corpus of ``--docs`` documents (as in
bench/search_bench.py) are loaded into a bench index; then, over the relevance
set's queries, the search page's body (search.queries.search_body) is sent whole
and with one part left out: highlighting, the facet aggregations, did-you-mean,
and each clause of the text query. Elasticsearch's own ``took`` is reported, so
the client's share does not blur the figures, with the whole body measured
first and last in the same run as the reference. Not part of CI: it prints
figures and asserts nothing about speed.
"""

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_bench

CLAUSES = ("stemmed", "exact phrase", "decompounded", "fuzzy", "names and terms")


def variants() -> dict[str, Callable[[dict], None]]:
    def drop_key(key: str) -> Callable[[dict], None]:
        return lambda body: body.pop(key, None)

    def drop_clause(index: int) -> Callable[[dict], None]:
        def drop(body: dict) -> None:
            for key in ("highlight", "aggs", "suggest"):
                body.pop(key, None)
            body["query"]["bool"]["must"][0]["bool"]["should"].pop(index)

        return drop

    def bare(body: dict) -> None:
        for key in ("highlight", "aggs", "suggest"):
            body.pop(key, None)

    made = {
        "whole body": lambda body: None,
        "- highlight": drop_key("highlight"),
        "- aggregations": drop_key("aggs"),
        "- did-you-mean": drop_key("suggest"),
        "bare (text query only)": bare,
    }
    made.update({f"bare - {name}": drop_clause(i) for i, name in enumerate(CLAUSES)})
    made["whole body (again)"] = lambda body: None
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    args = parser.parse_args()
    search_bench.PREFIX = "kb-query-cost-bench"
    search_bench.setup(args.es_url, None)
    search_bench.prepare_database()

    from search import queries, query_text, relevance
    from search.client import get_client
    from search.documents import alias, indexable_querysets, to_document

    client = get_client()
    seeds = [to_document(page) for pages in indexable_querysets().values() for page in pages]
    search_bench.load_corpus(seeds, args.docs)
    texts = [judged.query for judged in relevance.load()]

    def body(text: str) -> dict:
        parsed = query_text.parse(text)
        return queries.search_body(
            parsed, filters={}, sort="relevance", offset=0, size=20, members=False
        )

    try:
        for text in texts:  # warm-up
            client.search(index=alias(), body=body(text))
        print(f"\n{args.docs:,} documents, {len(texts)} queries x {args.rounds} rounds: took, ms")
        print(f"{'body':<30}{'p50':>8}{'p95':>8}")
        for label, change in variants().items():
            took = []
            for _round in range(args.rounds):
                for text in texts:
                    sent = body(text)
                    change(sent)
                    took.append(client.search(index=alias(), body=sent)["took"])
            p95 = sorted(took)[round(0.95 * (len(took) - 1))]
            print(f"{label:<30}{statistics.median(took):>8.0f}{p95:>8.0f}")
    finally:
        client.indices.delete(
            index=f"{search_bench.PREFIX}-*", ignore_unavailable=True, allow_no_indices=True
        )


if __name__ == "__main__":
    main()
