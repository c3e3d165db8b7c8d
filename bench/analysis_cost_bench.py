"""What the Dutch analysis costs a rebuild: the content mapping against leaner ones.

    .venv/bin/python bench/analysis_cost_bench.py [--docs 10000] [--es-url ...]

The same generated corpus (bench/index_bench.corpus) is loaded through the
rebuild's own loading step (search.lifecycle.bulk_load) into fresh indices that
differ only in their mapping, twice each, alternating, in one run:

- ``kennisbank``: search.documents' mapping as it is;
- ``no decompounding``: the same without the decompounded ``parts`` subfields;
- ``plain``: every text field one standard-analysed field, no subfields: the
  ceiling of this node and this client for these documents.

The figures say where a rebuild's time goes, so a change to the analysis can be
weighed against its relevance (manage.py search_relevance). Not part of CI: it
prints figures and asserts nothing about speed.
"""

import argparse
import copy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from index_bench import corpus, prepare, setup

VARIANTS = ("kennisbank", "no decompounding", "plain")


def _lean(properties: dict, variant: str) -> None:
    for spec in properties.values():
        if variant == "no decompounding":
            spec.get("fields", {}).pop("parts", None)
        elif variant == "plain" and spec.get("type") == "text":
            spec.pop("fields", None)
            spec.pop("search_analyzer", None)
            spec["analyzer"] = "standard"
        if "properties" in spec:
            _lean(spec["properties"], variant)


def index_body(variant: str) -> dict:
    from search.documents import index_body as content_body
    from search.lifecycle import LOADING_SETTINGS

    body = copy.deepcopy(content_body())
    body["settings"].update(LOADING_SETTINGS, number_of_replicas=0)
    _lean(body["mappings"]["properties"], variant)
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    args = parser.parse_args()
    setup(args.es_url, prefix="kennisbank-bench-analysis")

    from search.client import get_client
    from search.documents import alias, indexable_pages, to_document
    from search.lifecycle import bulk_load

    prepare()
    client = get_client()
    seeds = [to_document(page) for page in indexable_pages()]
    rates: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    for round_number in range(2):
        for variant in VARIANTS:
            name = f"{alias()}-{variant.replace(' ', '-')}"
            client.indices.delete(index=name, ignore_unavailable=True)
            client.indices.create(index=name, **index_body(variant))
            actions = corpus(seeds, args.docs, name)
            started = time.perf_counter()
            bulk_load(name, actions, len(actions), None)
            client.indices.refresh(index=name)
            rates[variant].append(args.docs / (time.perf_counter() - started))
            client.indices.delete(index=name)
            print(f"  round {round_number + 1}: {variant}: {rates[variant][-1]:,.0f} docs/s")
    reference = max(rates["kennisbank"])
    print(f"\nload of {args.docs:,} documents, best of 2, docs/s (x the kennisbank mapping)")
    for variant, measured in rates.items():
        print(f"{variant:<20}{max(measured):>8,.0f}{max(measured) / reference:>8.2f}x")


if __name__ == "__main__":
    main()
