"""How fast does GET /api/v1/cases list casusbladen, against Wagtail's API v2 and a bare view?

    .venv/bin/python bench/api_cases_bench.py [--copies 6] [--rounds 200] [--sizes 20 100]
        [--database FILE.sqlite3]

The demo content, multiplied ``--copies`` times (bench/import_bench.multiplied:
distinct external ids and titles), is imported into a scratch SQLite database (or
``--database``, an earlier scratch file, to skip that). Then, in the same run and
process, through Django's test Client (the whole stack: middleware, routing,
serialisation), ``--rounds`` requests per page size for the first page of:

- ``/api/v1/cases`` as an anonymous caller (cursor paging, every field of the
  interchange table, visibility, links);
- Wagtail's API v2 pages endpoint (``wagtail.api.v2``, as a project would switch it
  on) over the same live public casusbladen, with the same model fields exposed as
  ``api_fields`` and ``fields=*``: the peer a Wagtail project gets for free;
- a bare Django view that returns the same page rows' columns as JSON from one
  ``values()`` query, with no relations: the floor.

It prints requests per second, p50 and p95, and the ratios. Target: /cases at least
twice Wagtail API v2. Not part of CI: it prints figures and asserts nothing.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_URLS = "api_cases_bench_urls"
TARGET = "≥ 2x Wagtail API v2"


def case_fields() -> list[str]:
    """The CasePage fields both APIs show: what the interchange table names (title and
    the two derived keys, visibility and first publication, aside)."""
    from cases.interchange.schema import CASUSBLAD, Kind

    derived = {Kind.VISIBILITY, Kind.PUBLISHED}
    return [f.attribute for f in CASUSBLAD.fields if f.kind not in derived and f.path != ("title",)]


def floor_columns() -> list[str]:
    """The floor reads the row's own columns only (no many-to-many, no owner join)."""
    from cases.interchange.schema import CASUSBLAD, Kind

    own = {Kind.TEXT, Kind.HTML, Kind.EMAIL, Kind.DATE, Kind.CHOICE, Kind.IDENTIFIER}
    columns = [f.attribute for f in CASUSBLAD.fields if f.kind in own and f.path != ("title",)]
    return ["id", "title", "last_published_at", "municipality_id", "profile_id", *columns]


def bench_settings() -> None:
    """The dev settings with Wagtail's API app, a URLconf that serves all three, no debug."""
    from kennisbank.settings import dev

    module = types.ModuleType("api_cases_bench_settings")
    module.__dict__.update({name: getattr(dev, name) for name in dir(dev) if name.isupper()})
    module.INSTALLED_APPS = [*dev.INSTALLED_APPS, "wagtail.api.v2"]
    module.ROOT_URLCONF = BENCH_URLS
    module.DEBUG = False  # no query log: it would slow all three alike, and grow
    module.ALLOWED_HOSTS = ["*"]
    module.WAGTAILAPI_LIMIT_MAX = 100
    sys.modules[module.__name__] = module
    os.environ["DJANGO_SETTINGS_MODULE"] = module.__name__


def bench_urls() -> None:
    from django.http import JsonResponse
    from django.urls import path
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.api.v2.views import PagesAPIViewSet

    from cases.models import CasePage

    columns = floor_columns()

    def floor(request):
        size = int(request.GET.get("pageSize", 20))
        rows = (
            CasePage.objects.live()
            .public()
            .order_by("last_published_at", "pk")
            .values(*columns)[:size]
        )
        return JsonResponse({"cases": list(rows)})

    router = WagtailAPIRouter("wagtailapi")
    router.register_endpoint("pages", PagesAPIViewSet)
    from kennisbank import urls as site_urls

    module = types.ModuleType(BENCH_URLS)
    module.urlpatterns = [
        path("bench/floor", floor),
        path("bench/wagtail-api/v2/", router.urls),
        *site_urls.urlpatterns,
    ]
    sys.modules[BENCH_URLS] = module


def setup(database: str | None) -> None:
    if database is None:
        database = f"{tempfile.mkdtemp(prefix='kb-api-cases-bench-')}/bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["ELASTICSEARCH_URL"] = ""  # the lists read the database only
    # One client sends thousands of requests: no rate limit applies.
    os.environ["API_RATE_ANONYMOUS"] = "100000000/min"
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    bench_settings()
    import logging

    import django

    django.setup()
    bench_urls()
    for name in ("wagtail", "django_tasks", "kennisbank.audit"):
        logging.getLogger(name).setLevel(logging.ERROR)


def prepare_database(copies: int) -> int:
    from django.core.management import call_command
    from import_bench import multiplied

    from cases.models import CasePage
    from municipalities.models import Municipality

    call_command("migrate", verbosity=0)
    if not Municipality.objects.exists():
        print("preparing (municipalities, editors)…", flush=True)
        call_command("import_municipalities", verbosity=0)
        call_command("setup_editors", verbosity=0)
    if not CasePage.objects.filter(external_id__endswith=f"-x{copies - 1}").exists():
        print(f"importing the demo content x{copies}…", flush=True)
        source = Path(tempfile.mkdtemp(prefix="kb-api-cases-bench-")) / "demo.jsonl"
        source.write_text("\n".join(multiplied(copies)) + "\n", encoding="utf-8")
        call_command("import_kennisbank", str(source), verbosity=0)
    return CasePage.objects.live().public().count()


def expose_case_fields_to_wagtail_api() -> None:
    """What a Wagtail project would declare to show the same fields in API v2."""
    from wagtail.api import APIField

    from cases.models import CasePage

    CasePage.api_fields = [APIField(name) for name in case_fields()]


def timed(call: Callable[[], object], rounds: int) -> list[float]:
    for _warm_up in range(10):
        call()
    samples = []
    for _round in range(rounds):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def getter(client, path: str, params: dict, listed: Callable[[dict], list]) -> Callable:
    def get() -> None:
        response = client.get(path, params)
        assert response.status_code == 200, response.content[:300]
        assert len(listed(response.json())) == params_size(params)

    return get


def params_size(params: dict) -> int:
    return int(params.get("pageSize") or params.get("limit"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--database", default=None)
    args = parser.parse_args()

    setup(args.database)
    from django.test import Client

    pages = prepare_database(args.copies)
    if pages < max(args.sizes):
        sys.exit(f"only {pages} public casusbladen: raise --copies")
    expose_case_fields_to_wagtail_api()
    client = Client()
    print(f"\n{pages} live public casusbladen; {args.rounds} requests per row\n")
    header = (
        f"{'page size':>9}  {'endpoint':<22}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'ratio':>18}"
    )
    print(header)
    for size in args.sizes:
        calls = {
            "/api/v1/cases": getter(
                client, "/api/v1/cases", {"pageSize": size}, lambda b: b["_embedded"]["cases"]
            ),
            "Wagtail API v2": getter(
                client,
                "/bench/wagtail-api/v2/pages/",
                {"type": "cases.CasePage", "fields": "*", "limit": size},
                lambda b: b["items"],
            ),
            "bare JSON (floor)": getter(
                client, "/bench/floor", {"pageSize": size}, lambda b: b["cases"]
            ),
        }
        results = {label: timed(call, args.rounds) for label, call in calls.items()}
        rate = {label: len(s) / sum(s) for label, s in results.items()}
        for label, samples in results.items():
            ordered = sorted(samples)
            p50 = statistics.median(ordered) * 1000
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000
            if label == "/api/v1/cases":
                ratio = f"{rate[label] / rate['Wagtail API v2']:.2f}x Wagtail"
            elif label == "Wagtail API v2":
                ratio = ""
            else:
                ratio = f"cases at {rate['/api/v1/cases'] / rate[label]:.0%}"
            print(f"{size:>9}  {label:<22}{rate[label]:>8.1f}{p50:>9.2f}{p95:>9.2f}{ratio:>18}")
    print(f"\ntarget: /api/v1/cases {TARGET}")


if __name__ == "__main__":
    main()
