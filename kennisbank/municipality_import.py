from dataclasses import dataclass

from django.db import transaction

from kennisbank.models import Municipality
from kennisbank.municipality_csv import MunicipalityRow


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def save_municipalities(rows: list[MunicipalityRow]) -> ImportCounts:
    """Create or update municipalities by CBS code; rows that match are not touched."""
    existing = Municipality.objects.in_bulk([row.cbs_code for row in rows], field_name="cbs_code")
    created = updated = 0
    for row in rows:
        fields = row.fields()
        municipality = existing.get(row.cbs_code)
        if municipality is None:
            Municipality.objects.create(cbs_code=row.cbs_code, **fields)
            created += 1
        elif any(getattr(municipality, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(municipality, name, value)
            municipality.full_clean()
            municipality.save()
            updated += 1
    return ImportCounts(created, updated, len(rows) - created - updated)
