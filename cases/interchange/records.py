"""Reading one line of an interchange file into a checked Record, or saying why not.

Nothing here writes: the importer only ever sees Records that passed every check,
which is what lets it promise that nothing of a bad line reaches the database. Every
problem of a line is collected (not just the first), so an operator fixes a file in
one round instead of one error per run.
"""

import datetime
import json
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from cases.interchange.catalogue import Catalogue
from cases.interchange.schema import (
    RECORD_TYPES,
    VISIBILITY_VALUES,
    Field,
    Kind,
    RecordType,
)
from cases.interchange.text import has_text, plain_text, rich_html
from cases.models.limits import rich_text_length

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Cleaning can shorten a value a lot (Word's markup, entities), so the limit applies to
# the cleaned value; only a value this many times the limit is refused unread.
_RAW_FACTOR = 10
_JSON_TYPES = {
    dict: "an object",
    list: "a list",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    type(None): "null",
}
# What an absent (or null) optional key means: empty, so a file describes the page
# completely. published_at is the exception: absent means "leave it as it is".
_EMPTY: dict[Kind, Any] = {
    Kind.TEXT: "",
    Kind.HTML: "",
    Kind.EMAIL: "",
    Kind.DATE: None,
    Kind.TERM: None,
    Kind.TERMS: (),
    Kind.MUNICIPALITIES: (),
    Kind.CASES: (),
    Kind.PUBLISHED: None,
}


@dataclass(frozen=True)
class Record:
    """A valid line: its type, and each field's value keyed by the model attribute.

    Values are already normalised (plain text stripped, HTML sanitised, lists as
    sorted tuples of slugs or codes), the same form snapshot.read_page() gives for a
    stored page, so "unchanged" is a plain comparison.
    """

    line: int
    record_type: RecordType
    values: dict[str, Any]

    @property
    def external_id(self) -> str:
        return self.value_of(Kind.IDENTIFIER)

    def value_of(self, kind: Kind) -> Any:
        """The value of the one field of `kind` (identifier, owner, visibility, ...)."""
        (field,) = (field for field in self.record_type.fields if field.kind is kind)
        return self.values[field.attribute]


@dataclass(frozen=True)
class LineProblem:
    """A line that is not written, with every reason found."""

    line: int
    reasons: tuple[str, ...]
    external_id: str | None = None


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _json_error(error: json.JSONDecodeError, raw: str) -> str:
    where = f"column {error.pos + 1}"
    if error.pos >= len(raw.rstrip()):
        where += " (the end of the line: is it cut short?)"
    return f"malformed JSON: {error.msg} at {where}"


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def normalise(kind: Kind, value: Any) -> Any:
    """The canonical form of a text value, for incoming lines and stored pages alike."""
    if kind is Kind.TEXT:
        return plain_text(value)
    if kind is Kind.HTML:
        return rich_html(value)
    return value


class _LineParser:
    def __init__(self, number: int, catalogue: Catalogue) -> None:
        self.number = number
        self.catalogue = catalogue
        self.reasons: list[str] = []
        # Attributes whose value was rejected, so cross-field checks stay quiet about them.
        self.rejected: set[str] = set()

    def problem(self, external_id: Any = None) -> LineProblem:
        return LineProblem(
            self.number,
            tuple(self.reasons),
            external_id if isinstance(external_id, str) else None,
        )

    def parse(self, raw: bytes | str) -> Record | LineProblem | None:
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                self.reasons.append(f"not UTF-8 ({error.reason} at byte {error.start})")
                return self.problem()
        if self.number == 1:
            raw = raw.removeprefix("\ufeff")
        if not raw.strip():
            return None
        # Without its line break, an error at the end of a cut-off line is reported at
        # that column, not at "column 1" of the line after it.
        raw = raw.rstrip("\r\n")
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            self.reasons.append(_json_error(error, raw))
            return self.problem()
        except (ValueError, RecursionError) as error:
            # Valid JSON syntax Python still refuses: huge integers, absurd nesting.
            self.reasons.append(f"malformed JSON: {error}")
            return self.problem()
        if not isinstance(data, dict):
            self.reasons.append(f"a line must be a JSON object, not {_json_type(data)}")
            return self.problem()

        record_type = self._record_type(data)
        if record_type is None:
            return self.problem(data.get("external_id"))
        self._check_keys(data, record_type)
        values = {field.attribute: self._value(data, field) for field in record_type.fields}
        if record_type.name == "casusblad":
            self._check_period(values)
        self._check_identity(values["external_id"], record_type)
        if self.reasons:
            return self.problem(values["external_id"])
        return Record(self.number, record_type, values)

    def _record_type(self, data: dict) -> RecordType | None:
        name = data.get("type")
        if name is None:
            self.reasons.append("missing required field 'type'")
            return None
        record_type = RECORD_TYPES.get(name) if isinstance(name, str) else None
        if record_type is None:
            expected = " or ".join(RECORD_TYPES)
            self.reasons.append(f"unknown type {_shown(name)} (expected {expected})")
        return record_type

    def _check_keys(self, data: dict, record_type: RecordType) -> None:
        for key in data:
            if key not in record_type.top_level_keys:
                self.reasons.append(f"unknown key {key!r} for a {record_type.name}")
        groups = {field.path[0] for field in record_type.fields if len(field.path) == 2}
        for group in sorted(groups):
            value = data.get(group)
            if value is None:
                continue
            if not isinstance(value, dict):
                self.reasons.append(f"{group!r} must be an object, not {_json_type(value)}")
                continue
            for key in value:
                if key not in record_type.nested_keys(group):
                    self.reasons.append(f"unknown key '{group}.{key}'")

    def _value(self, data: dict, field: Field) -> Any:
        value: Any = data
        for step in field.path:
            value = value.get(step) if isinstance(value, dict) else None
        if value is None:
            if field.required:
                self.reasons.append(f"missing required field {field.key!r}")
            return _EMPTY.get(field.kind)
        known_reasons = len(self.reasons)
        parsed = self._parse(field, value)
        if len(self.reasons) > known_reasons:
            self.rejected.add(field.attribute)
        return parsed

    def _wrong_type(self, field: Field, expected: str, value: Any) -> None:
        self.reasons.append(f"{field.key!r} must be {expected}, not {_json_type(value)}")

    def _string(self, field: Field, value: Any) -> str | None:
        if isinstance(value, str):
            return value
        self._wrong_type(field, "a string", value)
        return None

    def _strings(self, field: Field, value: Any) -> list[str] | None:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
        self._wrong_type(field, "a list of strings", value)
        return None

    def _parse(self, field: Field, value: Any) -> Any:
        kind = field.kind
        if kind in (Kind.TERMS, Kind.MUNICIPALITIES, Kind.CASES):
            items = self._strings(field, value)
            return None if items is None else self._references(field, items)
        text = self._string(field, value)
        if text is None:
            return None
        if field.limit is not None and len(text) > _RAW_FACTOR * field.limit:
            # Far too long even before cleaning: refused without running bleach on it.
            self._too_long(field, len(text))
            return None
        if kind is Kind.IDENTIFIER:
            return self._bounded(field, text.strip())
        if kind is Kind.TEXT:
            return self._bounded(field, normalise(kind, text))
        if kind is Kind.HTML:
            html = normalise(kind, text)
            if field.required and not has_text(html):
                self.reasons.append(f"{field.key!r} has no text after removing disallowed HTML")
            elif field.limit is not None and rich_text_length(html) > field.limit:
                self._too_long(field, rich_text_length(html))
            return html
        if kind is Kind.EMAIL:
            return self._email(field, text.strip())
        if kind in (Kind.DATE, Kind.PUBLISHED):
            return self._date(field, text)
        if kind in (Kind.CHOICE, Kind.VISIBILITY):
            if text not in field.choices:
                allowed = ", ".join(field.choices)
                self.reasons.append(f"{field.key!r} must be one of {allowed}, not {_shown(text)}")
                return None
            return VISIBILITY_VALUES[text] if kind is Kind.VISIBILITY else text
        if kind is Kind.TERM:
            if not self.catalogue.has_term(field.vocabulary, text):
                self.reasons.append(f"unknown slug {_shown(text)} in {field.key!r}")
            return text
        if kind is Kind.OWNER:
            if text not in self.catalogue.municipalities:
                self.reasons.append(f"unknown municipality code {_shown(text)}")
            return text
        raise AssertionError(f"no parser for {kind}")

    def _bounded(self, field: Field, text: str) -> str:
        if field.required and not text:
            self.reasons.append(f"{field.key!r} is empty")
        elif field.limit is not None and len(text) > field.limit:
            self._too_long(field, len(text))
        return text

    def _too_long(self, field: Field, length: int) -> None:
        markup = " (HTML, markup included)" if field.kind is Kind.HTML else ""
        self.reasons.append(
            f"{field.key!r} is {length} characters long{markup}, at most {field.limit} allowed"
        )

    def _email(self, field: Field, text: str) -> str:
        if text:
            try:
                validate_email(text)
            except ValidationError:
                self.reasons.append(f"{field.key!r} is not a valid e-mail address: {_shown(text)}")
        return self._bounded(field, text)

    def _date(self, field: Field, text: str) -> datetime.date | None:
        if _DATE.match(text):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass
        self.reasons.append(f"{field.key!r} is not a date (YYYY-MM-DD): {_shown(text)}")
        return None

    def _references(self, field: Field, items: list[str]) -> tuple[str, ...]:
        if field.required and not items:
            self.reasons.append(f"{field.key!r} needs at least one value")
        distinct = len(set(items))
        if field.limit is not None and distinct > field.limit:
            self.reasons.append(
                f"{field.key!r} has {distinct} values, at most {field.limit} allowed"
            )
            return ()
        for item in dict.fromkeys(items):
            if field.kind is Kind.TERMS and not self.catalogue.has_term(field.vocabulary, item):
                self.reasons.append(f"unknown slug {_shown(item)} in {field.key!r}")
            elif field.kind is Kind.MUNICIPALITIES and item not in self.catalogue.municipalities:
                self.reasons.append(f"unknown municipality code {_shown(item)} in {field.key!r}")
            elif field.kind is Kind.CASES and item not in self.catalogue.case_ids:
                self.reasons.append(
                    f"unknown related case {_shown(item)}: not a casusblad in the database "
                    "or on an earlier line"
                )
        return tuple(sorted(set(items)))

    def _check_period(self, values: dict[str, Any]) -> None:
        start, end = values["period_start"], values["period_end"]
        if start and end and end < start:
            self.reasons.append(f"'period.end' ({end}) is before 'period.start' ({start})")

    def _check_identity(self, external_id: str | None, record_type: RecordType) -> None:
        if not external_id:
            return
        first = self.catalogue.first_line.get(external_id)
        if first is not None:
            self.reasons.append(f"external_id {external_id!r} already used on line {first}")
        for other in RECORD_TYPES.values():
            if other is not record_type and external_id in self.catalogue.ids_of(other.model):
                self.reasons.append(
                    f"external_id {external_id!r} belongs to an existing {other.name}, "
                    f"not a {record_type.name}"
                )


def peek_identity(raw: bytes | str) -> tuple[str | None, str | None]:
    """The `type` and `external_id` a line claims, if it can be read at all.

    Only for loading a batch's pages ahead; parse_line() does the real checking.
    """
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None, None
    if not isinstance(data, dict):
        return None, None
    record_type, external_id = data.get("type"), data.get("external_id")
    if not isinstance(record_type, str) or not isinstance(external_id, str):
        return None, None
    # An empty id names no page (and would match every page written in the admin).
    return (record_type, external_id.strip()) if external_id.strip() else (None, None)


def parse_line(number: int, raw: bytes | str, catalogue: Catalogue) -> Record | LineProblem | None:
    """Check one line (numbered from 1); None for a blank line, which is allowed."""
    return _LineParser(number, catalogue).parse(raw)
