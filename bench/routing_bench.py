"""How fast does the router answer, at 342 municipalities and at 100k casusbladen?

    .venv/bin/python bench/routing_bench.py [--docs 100000] [--rounds 3] [--es-url ...]

The demo content is imported into a scratch SQLite database (all 342
municipalities) and indexed in a bench index of its own prefix
(``kennisbank-bench-routing``); every question of the routing set is then routed
(``questions.routing.preview``, limit 5: evidence gathering, one search call and
the ranking) ``--rounds`` times after one warm-up round, and p50/p95 printed. Then
``--docs`` synthetic casusbladen (bench/index_bench.corpus: the demo documents
recombined over all municipalities) are bulk-loaded into the same index and the
same questions routed again. Next to each, the routing's one Elasticsearch
request sent alone (the node's own time) as the reference. Targets: p95 <= 50 ms
at the demo content, <= 200 ms at 100k documents. Not part of CI: it prints
figures and asserts nothing about speed.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from index_bench import corpus, prepare, setup


def _cuts(timings: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(timings, n=100)
    return cuts[49], cuts[94]


def measure(rounds: int) -> tuple[float, float, float, float, int]:
    """p50/p95 of a whole routing, and of its one search as Elasticsearch timed it."""
    from questions import routing_set
    from questions.evidence import MATCHED_MUNICIPALITIES, PAGES_PER_MUNICIPALITY, question_text
    from questions.routing import RoutingRequest, preview
    from search import query_text, routing_queries
    from search.client import get_client
    from search.documents import alias

    requests = [
        RoutingRequest(title=judged.question, body="", asker_code=judged.asker)
        for judged in routing_set.load()
    ]
    bodies = [
        routing_queries.match_body(
            query_text.parse(question_text(request)),
            members=False,
            municipalities=MATCHED_MUNICIPALITIES + 1,
            per_municipality=PAGES_PER_MUNICIPALITY,
        )
        for request in requests
    ]
    client = get_client()
    for request in requests:  # warm-up: caches, connections, the node's field data
        preview(request, limit=5)
    timings, searches = [], []
    for _round in range(rounds):
        for request, body in zip(requests, bodies, strict=True):
            started = time.perf_counter()
            preview(request, limit=5)
            timings.append((time.perf_counter() - started) * 1000)
            searches.append(client.search(index=alias(), body=body)["took"])
    return (*_cuts(timings), *_cuts(searches), len(timings))


def no_request_cache(client, index: str) -> None:
    """Every real question is new, so its aggregation is never in the shard request
    cache; the bench asks the same questions each round, which the cache would answer."""
    client.indices.put_settings(index=index, settings={"index.requests.cache.enable": False})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    args = parser.parse_args()
    setup(args.es_url, prefix="kennisbank-bench-routing")

    from elasticsearch.helpers import bulk

    from search.client import get_client
    from search.documents import alias, indexable_pages, to_document
    from search.relevance import index_now

    prepare()
    index_now()
    client = get_client()
    (physical,) = client.indices.get_alias(name=alias())
    no_request_cache(client, physical)
    rows = [("demo content", client.count(index=alias())["count"], *measure(args.rounds))]

    print(f"loading {args.docs:,} synthetic casusbladen…", flush=True)
    seeds = [to_document(page) for page in indexable_pages()]
    bulk(
        client.options(request_timeout=300),
        corpus(seeds, args.docs, physical),
        chunk_size=1000,
        refresh=True,
    )
    rows.append(
        (f"+ {args.docs:,} synthetic", client.count(index=alias())["count"], *measure(args.rounds))
    )
    client.indices.delete(index=physical)

    print(
        f"\n{'index':<22}{'documents':>10}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'search p50':>12}{'search p95':>12}{'p95 / search':>14}{'routings':>10}"
    )
    for label, documents, p50, p95, search50, search95, count in rows:
        print(
            f"{label:<22}{documents:>10,}{p50:>9.1f}{p95:>9.1f}{search50:>12.1f}"
            f"{search95:>12.1f}{p95 / max(search95, 1):>13.2f}x{count:>10}"
        )
    print(
        "routing: questions.routing.preview end to end (limit 5); search: its one "
        "Elasticsearch request, sent alone (the node's own 'took'), the reference."
    )


if __name__ == "__main__":
    main()
