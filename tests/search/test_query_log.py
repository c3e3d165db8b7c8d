"""The anonymised search log: what is stored, what never is, and how long."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command

from search.query_log import log_search, normalise_query, prune, retention_cutoff
from search.query_log_models import SearchQuery

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Searched:
    """The fields of search.service.SearchRequest the log reads."""

    q: str = ""
    filters: dict = field(default_factory=dict)
    page: int = 1


def test_one_row_with_the_scrubbed_query_filters_and_count_and_nothing_personal(
    django_assert_num_queries,
):
    with django_assert_num_queries(1):
        log_search(
            Searched("  Schuldhulp BSN 123456782 bel 06-12345678 ", {"theme": ["jeugdhulp"]}), 0
        )
    row = SearchQuery.objects.get()
    assert row.query == "schuldhulp bsn [bsn] bel [telefoonnummer]"
    assert row.filters == {"theme": ["jeugdhulp"]}
    assert row.results == 0
    assert row.day == datetime.date.today()
    # No user, IP address, session or time of day exists to be filled in.
    assert {f.name for f in SearchQuery._meta.get_fields()} == {
        "id",
        "query",
        "filters",
        "results",
        "day",
    }


def test_filter_values_are_scrubbed_sorted_and_bounded():
    log_search(Searched("wmo", {"theme": ["b", "a@b.nl", "a", "a"], "year": []}), 3)
    assert SearchQuery.objects.get().filters == {"theme": ["[e-mail]", "a", "b"]}


def test_later_pages_and_the_bare_search_page_are_not_logged():
    log_search(Searched("wmo", page=2), 30)
    log_search(Searched("   "), 70)
    assert not SearchQuery.objects.exists()
    log_search(Searched("", {"province": ["utrecht"]}), 4)
    assert SearchQuery.objects.get().query == ""


def test_normalised_query_groups_alike_queries():
    assert normalise_query("Mantelzorgers  Platteland?") == "mantelzorgers platteland"
    assert normalise_query("ﬁets") == "fiets"  # NFKC
    assert len(normalise_query("x" * 500)) == 200


def test_a_failing_insert_does_not_break_the_search(monkeypatch, caplog):
    from django.db import DatabaseError

    def fail(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(SearchQuery.objects, "create", fail)
    log_search(Searched("wmo"), 1)
    assert "could not log a search" in caplog.text


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [
        (datetime.date(2026, 12, 1), datetime.date(2025, 11, 1)),
        (datetime.date(2026, 5, 31), datetime.date(2025, 4, 30)),
        (datetime.date(2025, 3, 29), datetime.date(2024, 2, 29)),
        (datetime.date(2026, 1, 15), datetime.date(2024, 12, 15)),
    ],
)
def test_retention_is_13_months(today, cutoff):
    assert retention_cutoff(today) == cutoff


def test_prune_deletes_rows_older_than_the_retention_period_only(settings, capsys):
    today = datetime.date.today()
    old = SearchQuery.objects.create(
        query="oud", results=0, day=retention_cutoff(today) - datetime.timedelta(1)
    )
    kept = SearchQuery.objects.create(query="net", results=0, day=retention_cutoff(today))
    call_command("prune_search_log")
    assert "deleted 1 searches" in capsys.readouterr().out
    assert list(SearchQuery.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not SearchQuery.objects.filter(pk=old.pk).exists()
    settings.SEARCH_LOG_RETENTION_MONTHS = 0
    assert prune(today + datetime.timedelta(1)) == 1
