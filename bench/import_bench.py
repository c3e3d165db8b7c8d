"""How fast does `import_kennisbank` write pages, against Wagtail's own floor?

    .venv/bin/python bench/import_bench.py [--copies 5] [--database-url URL]

The demo file is multiplied (`--copies`, with distinct external ids and titles) and
imported into a fresh scratch database. The reference, measured in the same run on
the same database, is the cheapest way Wagtail publishes the same number of pages:
`add_child` + `save_revision().publish()` with no validation, sanitising or taxonomy.
The ratio says what the importer's checks and relations cost on top of that.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "cases" / "demo" / "kennisbank-demo.jsonl"


def multiplied(copies: int) -> list[str]:
    records = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    lines = []
    for copy in range(copies):
        for record in records:
            record = dict(record)
            record["external_id"] = f"{record['external_id']}-x{copy}"
            record["title"] = f"{record['title']} ({copy})"
            if "related_cases" in record:
                record["related_cases"] = [f"{ref}-x{copy}" for ref in record["related_cases"]]
            lines.append(json.dumps(record, ensure_ascii=False))
    # Casusbladen before lessen, as an export writes them.
    return sorted(lines, key=lambda line: json.loads(line)["type"] != "casusblad")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="kb-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbank.settings.dev")
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    # One INFO line per page created, edited and published would bury the figures.
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    from django.core.management import call_command
    from django.db import connection

    print(f"database: {connection.vendor}; preparing (migrate, municipalities)…", flush=True)
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)

    from cases.indexes import case_index_for
    from cases.interchange.importer import import_lines
    from cases.models import CaseStatus, LessonPage
    from municipalities.models import Municipality

    lines = multiplied(args.copies)
    total = len(lines)
    print(f"lines: {total} ({args.copies} copies of the demo file)", flush=True)

    # Reference: bare page publishing, same count, under one municipality's index.
    index = case_index_for(Municipality.objects.get(cbs_code="GM0344"))
    started = time.perf_counter()
    for number in range(total):
        page = LessonPage(
            title=f"Referentie {number}", summary="Referentie.", body="<p>Referentie.</p>"
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        if (number + 1) % 100 == 0:
            print(f"  reference: {number + 1}/{total}", flush=True)
    reference = time.perf_counter() - started
    LessonPage.objects.filter(title__startswith="Referentie ").delete()
    assert CaseStatus  # the import below creates casusbladen too

    def progress(number, result):
        print(f"  import: {number}/{total}", flush=True)

    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        first = import_lines(lines, progress=progress)
        first_run = time.perf_counter() - started
        first_queries, queries[0] = queries[0], 0
        assert first.failed == 0, first.problems[:3]

        started = time.perf_counter()
        again = import_lines(lines, progress=progress)
        second_run = time.perf_counter() - started
        second_queries = queries[0]

    print()
    print(f"{'run':<34}{'seconds':>9}{'lines/s':>10}{'vs reference':>13}")
    for label, seconds in [
        ("reference: bare add_child+publish", reference),
        ("import (all created)", first_run),
        ("re-import (all unchanged)", second_run),
    ]:
        print(f"{label:<34}{seconds:>9.2f}{total / seconds:>10.1f}{seconds / reference:>13.2f}")
    print(f"first import: {first.summary()}; {first_queries / total:.1f} queries per line")
    print(f"re-import:    {again.summary()}; {second_queries / total:.2f} queries per line")


if __name__ == "__main__":
    main()
