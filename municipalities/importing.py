from django.db import transaction

from municipalities.cbs_csv import MunicipalityRow
from municipalities.models import Municipality
from municipalities.outcomes import Outcome, Tally


@transaction.atomic
def save_municipalities(rows: list[MunicipalityRow]) -> Tally:
    """Create or update municipalities by CBS code; rows that match are not touched."""
    existing = Municipality.objects.in_bulk([row.cbs_code for row in rows], field_name="cbs_code")
    tally = Tally()
    for row in rows:
        fields = row.fields()
        municipality = existing.get(row.cbs_code)
        if municipality is None:
            Municipality.objects.create(cbs_code=row.cbs_code, **fields)
            tally.add(Outcome.CREATED)
        elif any(getattr(municipality, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(municipality, name, value)
            municipality.full_clean()
            municipality.save()
            tally.add(Outcome.UPDATED)
        else:
            tally.add(Outcome.UNCHANGED)
    return tally
