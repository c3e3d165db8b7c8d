"""Reading the CBS municipality list.

The whole file is validated before anything is written: a malformed row must not
leave the database with half a new year's list.
"""

import csv
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

# The CBS list of 2025 shipped with the platform (see shared/data/README.md).
CBS_LIST = Path(__file__).resolve().parent / "data" / "gemeenten.csv"

REQUIRED_COLUMNS = ("cbs_code", "name", "province", "population")
OPTIONAL_COLUMNS = ("population_year", "veiligheidsregio_code", "area_km2")
CBS_CODE = re.compile(r"^GM\d{4}$")
VEILIGHEIDSREGIO_CODE = re.compile(r"^VR\d{2}$")


@dataclass(frozen=True)
class MunicipalityRow:
    cbs_code: str
    name: str
    province: str
    population: int
    population_year: int | None
    veiligheidsregio_code: str
    area_km2: int | None

    def fields(self) -> dict:
        values = asdict(self)
        del values["cbs_code"]
        return values


@dataclass
class ParsedFile:
    rows: list[MunicipalityRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


class RowError(ValueError):
    pass


def _whole_number(value: str, column: str, *, required: bool, minimum: int) -> int | None:
    if not value:
        if required:
            raise RowError(f"{column} is empty")
        return None
    try:
        number = int(value)
    except ValueError:
        raise RowError(f"{column} {value!r} is not a whole number") from None
    if number < minimum:
        raise RowError(f"{column} {number} is below {minimum}")
    return number


def _row(record: dict[str, str]) -> MunicipalityRow:
    values = {key: (record.get(key) or "").strip() for key in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
    if not CBS_CODE.match(values["cbs_code"]):
        raise RowError(f"cbs_code {values['cbs_code']!r} does not look like GM0344")
    for column in ("name", "province"):
        if not values[column]:
            raise RowError(f"{column} is empty")
    region = values["veiligheidsregio_code"]
    if region and not VEILIGHEIDSREGIO_CODE.match(region):
        raise RowError(f"veiligheidsregio_code {region!r} does not look like VR01")
    return MunicipalityRow(
        cbs_code=values["cbs_code"],
        name=values["name"],
        province=values["province"],
        population=_whole_number(values["population"], "population", required=True, minimum=1),
        population_year=_whole_number(
            values["population_year"], "population_year", required=False, minimum=1800
        ),
        veiligheidsregio_code=region,
        area_km2=_whole_number(values["area_km2"], "area_km2", required=False, minimum=0),
    )


def parse_municipalities(lines: Iterable[str]) -> ParsedFile:
    """Parse a CSV with the columns of shared/data/gemeenten.csv.

    Errors carry the physical line number (the header is line 1), so they can be
    found in an editor even when a quoted field spans lines.
    """
    parsed = ParsedFile()
    reader = csv.DictReader(lines, strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        parsed.errors.append(f"line 1: {error}")
        return parsed
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        parsed.errors.append(f"line 1: missing column(s) {', '.join(missing)}")
        return parsed
    known = set(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    parsed.ignored_columns = [column for column in header if column not in known]

    seen: dict[str, int] = {}
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            parsed.errors.append(f"line {reader.line_num}: {error}")
            break
        line = reader.line_num
        if None in record or any(value is None for value in record.values()):
            parsed.errors.append(f"line {line}: expected {len(header)} fields")
            continue
        try:
            row = _row(record)
        except RowError as error:
            parsed.errors.append(f"line {line}: {error}")
            continue
        if row.cbs_code in seen:
            parsed.errors.append(
                f"line {line}: cbs_code {row.cbs_code} already on line {seen[row.cbs_code]}"
            )
            continue
        seen[row.cbs_code] = line
        parsed.rows.append(row)
    if not parsed.rows and not parsed.errors:
        parsed.errors.append("the file has no municipalities")
    return parsed
