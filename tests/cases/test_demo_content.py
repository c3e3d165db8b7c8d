"""The shipped demo content covers what the demo promises."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from cases.models import Term, Vocabulary
from municipalities.models import Municipality

DEMO_FILE = Path(settings.BASE_DIR) / "cases" / "demo" / "kennisbank-demo.jsonl"
FIELDS = {
    "themes": Vocabulary.THEME,
    "decentralisations": Vocabulary.DECENTRALISATION,
    "risks": Vocabulary.RISK,
    "opportunities": Vocabulary.OPPORTUNITY,
}

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def records() -> list[dict]:
    lines = DEMO_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_at_least_thirty_of_each_type(records):
    counts = Counter(record["type"] for record in records)
    assert counts["casusblad"] >= 30 and counts["les"] >= 30


def test_spread_over_at_least_twenty_real_municipalities(records, municipalities):
    codes = {record["municipality"] for record in records}
    assert len(codes) >= 20
    assert Municipality.objects.filter(cbs_code__in=codes).count() == len(codes)


def test_every_seeded_term_is_used(records):
    used = {
        (vocabulary, slug)
        for record in records
        for field, vocabulary in FIELDS.items()
        for slug in record.get(field, [])
    } | {(Vocabulary.PROFILE, record["profile"]) for record in records if record.get("profile")}
    seeded = set(Term.objects.values_list("vocabulary", "slug"))
    assert seeded <= used, sorted(seeded - used)


def test_written_in_dutch_between_2015_and_2025(records):
    years = {record["published_at"][:4] for record in records if record.get("published_at")}
    assert min(years) >= "2015" and max(years) <= "2025"
    # Dutch prose, not placeholder: every summary uses common Dutch function words.
    dutch = {"de", "het", "een", "en", "van"}
    assert all(dutch & set(record["summary"].lower().split()) for record in records)
