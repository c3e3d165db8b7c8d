"""Builders for interchange lines and a runner for the two commands, shared by the
test_interchange_* modules (this module holds no tests of its own)."""

import copy
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import CommandError, call_command

DEMO_FILE = Path(__file__).resolve().parents[2] / "cases" / "demo" / "kennisbank-demo.jsonl"

CASUSBLAD: dict[str, Any] = {
    "external_id": "aef-2015-003",
    "type": "casusblad",
    "title": "Veilig op huisbezoek",
    "summary": "Afspraken die medewerkers veiliger maken aan de keukentafel.",
    "municipality": "GM0344",
    "partner_municipalities": ["GM0307"],
    "themes": ["agressie-en-geweld", "sociale-wijkteams"],
    "decentralisations": ["wmo-2015"],
    "risks": ["agressie-en-geweld"],
    "opportunities": ["beter-contact"],
    "profile": "pro-actief",
    "sections": {
        "context": "<p>Vaker op huisbezoek.</p>",
        "approach": "<ul><li>Buddy</li><li>Duobezoek</li></ul>",
        "results": "<p>Medewerkers voelen zich <strong>veiliger</strong>.</p>",
        "conditions": "<p>Ruimte in de planning.</p>",
        "working_elements": "<p>Klein en uitvoerbaar.</p>",
        "lessons": '<p>Zie <a href="https://example.org/rapport">het rapport</a>.</p>',
    },
    "period": {"start": "2015-01-01", "end": "2016-06-30"},
    "status": "afgerond",
    "contact": {"name": "Sanne de Vries", "role": "Teamleider", "email": "sanne@example.org"},
    "visibility": "members",
    "published_at": "2015-03-26",
}

LES: dict[str, Any] = {
    "external_id": "aef-2015-003-les-1",
    "type": "les",
    "title": "Een buddy die weet waar je bent",
    "summary": "Kleine afspraak, groot effect.",
    "municipality": "GM0344",
    "themes": ["agressie-en-geweld"],
    "body": "<p>Spreek een vaste buddy af.</p>",
    "related_cases": ["aef-2015-003"],
    "visibility": "public",
    "published_at": "2015-04-01",
}


def casusblad(**overrides: Any) -> dict[str, Any]:
    record = copy.deepcopy(CASUSBLAD)
    record.update(overrides)
    return record


def les(**overrides: Any) -> dict[str, Any]:
    record = copy.deepcopy(LES)
    record.update(overrides)
    return record


def write_jsonl(path: Path, lines: list[dict[str, Any] | str]) -> Path:
    """Write records (dicts) or raw text lines, one per line."""
    text = "".join(
        (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
        for line in lines
    )
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Run:
    stdout: str
    stderr: str
    error: CommandError | None

    @property
    def report(self) -> str:
        return str(self.error) if self.error else ""

    def problems(self) -> dict[int, str]:
        """Report lines by line number: {3: "unknown key 'x' ..."}."""
        found = {}
        for line in self.report.splitlines()[1:]:
            head, _, reasons = line.partition(": ")
            found[int(head.rsplit(" ", 1)[1])] = reasons
        return found


def run_import(path: Path, *args: str) -> Run:
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_kennisbank", str(path), *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return Run(stdout.getvalue(), stderr.getvalue(), error)
    return Run(stdout.getvalue(), stderr.getvalue(), None)


def run_export(*args: str) -> str:
    stdout = io.StringIO()
    call_command("export_kennisbank", *args, stdout=stdout)
    return stdout.getvalue()
