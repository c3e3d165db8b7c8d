"""The dashboard's tables: shown on the page, beside each chart, and exported as CSV.

One Table serves both, so the download always holds what the page shows. A cell
that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) would
be run as a formula by a spreadsheet; the export prefixes it with an apostrophe,
as OWASP advises for CSV injection. Search queries and theme names come from
outside, so this matters here.

The file is written the way Dutch Excel opens it with a double click: UTF-8 with a
byte-order mark (without it, "Súdwest-Fryslân" arrives garbled), ``;`` between the
cells (the list separator of a Dutch Windows locale, where a comma is the decimal
sign) and a decimal comma in fractions. LibreOffice and any RFC 4180 reader given
the delimiter read it as well.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"
BYTE_ORDER_MARK = "\ufeff"

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A caption, column headers and rows; ``numeric`` says which columns hold figures."""

    slug: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()
    empty_text: str = ""

    @property
    def columns(self) -> list[tuple[str, bool]]:
        return [(header, index in self.numeric) for index, header in enumerate(self.headers)]

    @property
    def cells(self) -> list[list[tuple[Cell, bool]]]:
        return [
            [(cell, index in self.numeric) for index, cell in enumerate(row)] for row in self.rows
        ]


def table(
    slug: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    numeric: Sequence[int] = (),
    empty_text: str = "",
) -> Table:
    return Table(
        slug,
        caption,
        tuple(headers),
        tuple(tuple(row) for row in rows),
        frozenset(numeric),
        empty_text,
    )


def safe_cell(value: Cell) -> str:
    """The cell as text a Dutch spreadsheet shows, and never evaluates."""
    if isinstance(value, float):
        return str(value).replace(".", ",")
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(source: Table, filename: str) -> HttpResponse:
    """The table as a CSV download named ``filename``, for Dutch Excel (see above)."""
    response = HttpResponse(BYTE_ORDER_MARK, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([safe_cell(header) for header in source.headers])
    for row in source.rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
