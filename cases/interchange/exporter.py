"""Writing the live casusbladen and lessen as an interchange file.

Casusbladen come first so every `related_cases` entry of a les names a line above
it, which is what the importer requires; within a type, lines are ordered by
external_id so two exports of the same data are identical and diff well.
"""

import datetime
import json
from typing import Any, TextIO

from cases.interchange.identity import external_id_of
from cases.interchange.schema import (
    RECORD_TYPES,
    VISIBILITY_VALUES,
    Kind,
    RecordType,
)
from cases.interchange.snapshot import read_page, readable_pages

_VISIBILITY_WORDS = {members_only: word for word, members_only in VISIBILITY_VALUES.items()}


def export_lines(stream: TextIO) -> int:
    """Write one JSON line per live page to `stream`; returns the number of lines."""
    written = 0
    exported_cases: set[str] = set()
    for record_type in RECORD_TYPES.values():
        for external_id, page in _live_pages(record_type):
            values = read_page(page, record_type)
            if "related_cases" in values:
                # A related case that is not live is not in the file; naming it would
                # make the line fail on import into an empty database.
                values["related_cases"] = tuple(
                    case for case in values["related_cases"] if case in exported_cases
                )
            stream.write(json.dumps(to_json(record_type, values), ensure_ascii=False) + "\n")
            written += 1
            if record_type.name == "casusblad":
                exported_cases.add(external_id)
    return written


def _live_pages(record_type: RecordType) -> list[tuple[str, Any]]:
    pages = readable_pages(record_type.model.objects.live(), record_type)
    return sorted(((external_id_of(page), page) for page in pages), key=lambda pair: pair[0])


def to_json(record_type: RecordType, values: dict[str, Any]) -> dict[str, Any]:
    """The JSON object of one line, keys in the order of the schema (external_id, type, ...)."""
    data: dict[str, Any] = {}
    for field in record_type.fields:
        target = data
        for step in field.path[:-1]:
            target = target.setdefault(step, {})
        target[field.path[-1]] = _json_value(field.kind, values[field.attribute])
        if field.kind is Kind.IDENTIFIER:
            data["type"] = record_type.name
    return data


def _json_value(kind: Kind, value: Any) -> Any:
    if kind is Kind.VISIBILITY:
        return _VISIBILITY_WORDS[value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
