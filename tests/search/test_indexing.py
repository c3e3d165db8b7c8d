"""The outbox pipeline against the real node: every change reaches the index, none drifts."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import PageViewRestriction

from cases.indexes import case_index_for
from cases.models import Term, Vocabulary
from cases.visibility import set_members_only
from search import client as search_client
from search.documents import MEMBERS, PUBLIC, alias
from search.indexing import backlog, drain, record_changes
from search.lifecycle import current_index, physical_indices, rebuild, reconcile
from search.models import IndexOutbox

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]
DEAD_URL = "http://127.0.0.1:9"


@pytest.fixture
def index(fresh_index):
    """An empty content index behind the alias (search_fixtures.fresh_index)."""
    return fresh_index


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block defers to its commit (the drain task), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def documents(es_client) -> dict[int, dict]:
    es_client.indices.refresh(index=alias())
    hits = es_client.search(index=alias(), size=100, version=True)["hits"]["hits"]
    return {int(hit["_id"]): {**hit["_source"], "_version": hit["_version"]} for hit in hits}


def test_publish_reaches_the_index_with_the_live_revision_as_version(
    index, committed, utrecht, make_case
):
    with committed():
        case = make_case(utrecht)
    case.refresh_from_db()
    assert documents(index)[case.pk]["_version"] == case.live_revision_id
    assert backlog()["pending"] == 0
    assert not reconcile()


def test_unpublish_and_delete_remove_the_document(index, committed, utrecht, make_case):
    with committed():
        gone, deleted = make_case(utrecht, title="Weg"), make_case(utrecht, title="Gewist")
    assert set(documents(index)) == {gone.pk, deleted.pk}
    with committed():
        gone.unpublish()
        deleted.delete()
    assert documents(index) == {}


def test_move_to_another_municipality_moves_the_document(
    index, committed, utrecht, amersfoort, make_case
):
    with committed():
        case = make_case(utrecht)
    with committed():
        case.move(case_index_for(amersfoort), pos="last-child")
    assert documents(index)[case.pk]["municipality"] == {"code": "GM0307", "name": "Amersfoort"}


def test_view_restrictions_on_the_page_and_its_ancestors(
    index, committed, utrecht, amersfoort, make_case
):
    with committed():
        case, other = make_case(utrecht, members_only=True), make_case(amersfoort)
    assert documents(index)[case.pk]["visibility"] == MEMBERS
    with committed():
        set_members_only(case, False)
    assert documents(index)[case.pk]["visibility"] == PUBLIC
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=case_index_for(amersfoort), restriction_type=PageViewRestriction.LOGIN
        )
    assert documents(index)[other.pk]["visibility"] == MEMBERS
    with committed():
        restriction.delete()
    assert documents(index)[other.pk]["visibility"] == PUBLIC


def test_renamed_term_and_municipality_reindex_their_pages(
    index, committed, utrecht, make_case, make_lesson
):
    with committed():
        case = make_case(utrecht, themes=["jeugdhulp"])
        lesson = make_lesson(utrecht, themes=["jeugdhulp"])
    with committed():
        theme = Term.objects.get(vocabulary=Vocabulary.THEME, slug="jeugdhulp")
        theme.label = "Jeugdhulp en opvoeding"
        theme.save()
        utrecht.name = "Utrecht (stad)"
        utrecht.save()
    for pk in (case.pk, lesson.pk):
        assert documents(index)[pk]["themes"][0]["label"] == "Jeugdhulp en opvoeding"
        assert documents(index)[pk]["municipality"]["name"] == "Utrecht (stad)"


def test_the_outbox_keeps_every_change_while_elasticsearch_is_down(
    index, committed, utrecht, amersfoort, make_case
):
    with committed():
        before = make_case(utrecht, title="Voor de storing")
    search_client._client.cache_clear()
    with override_settings(ELASTICSEARCH_URL=DEAD_URL), committed():
        during = make_case(amersfoort, title="Tijdens de storing", members_only=True)
        before.unpublish()
    search_client._client.cache_clear()
    assert backlog()["pending"] >= 2
    assert set(documents(index)) == {before.pk}  # nothing reached the node
    assert reconcile()  # and the drift shows
    drain()
    assert set(documents(index)) == {during.pk}
    assert documents(index)[during.pk]["visibility"] == MEMBERS
    assert not reconcile()
    assert backlog() == {"pending": 0, "oldest_pending_age_seconds": None}


def test_rebuild_loses_no_update_published_during_the_load(index, committed, utrecht, make_case):
    with committed():
        first = make_case(utrecht, title="Al gepubliceerd")
    old_index = current_index()
    late = []

    def publish_during_load():
        with committed():
            late.append(make_case(utrecht, title="Tijdens de herbouw"))
            first.unpublish()

    new_index = rebuild(after_load=publish_during_load)
    assert new_index != old_index and current_index() == new_index
    assert set(documents(index)) == {late[0].pk}
    assert not reconcile()


def test_reconcile_repairs_a_document_deleted_behind_its_back(index, committed, utrecht, make_case):
    with committed():
        case = make_case(utrecht)
    # Deleted by a stray writer that respected the document's version (an internal-
    # version delete would leave a newer tombstone; see search.lifecycle.reconcile).
    version = index.get(index=alias(), id=str(case.pk))["_version"]
    index.delete(
        index=alias(), id=str(case.pk), version=version, version_type="external_gte", refresh=True
    )
    drift = reconcile()
    assert drift.missing == {case.pk}
    assert reconcile(repair=True).missing == {case.pk}
    assert not reconcile()
    assert case.pk in documents(index)


def test_rollback_restores_the_previous_index_and_older_ones_go(
    index, committed, utrecht, make_case
):
    with committed():
        case = make_case(utrecht)
    first = current_index()
    second = rebuild()
    third = rebuild()
    assert physical_indices() == [second, third] and first not in physical_indices()
    call_command("search_index", "rollback", verbosity=0)
    assert current_index() == second
    assert set(documents(index)) == {case.pk}


def test_status_and_reconcile_commands(index, committed, utrecht, make_case, capsys):
    with committed():
        make_case(utrecht)
    call_command("search_index", "reconcile")
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert f'"index": "{current_index()}"' in out
    assert '"documents": 1' in out and '"pending": 0' in out
    assert "No drift." in out


def test_draining_many_pages_costs_a_bounded_number_of_queries(
    index, utrecht, amersfoort, make_case, make_lesson, django_assert_max_num_queries
):
    for number in range(10):
        make_case(utrecht if number % 2 else amersfoort, title=f"Casus {number}")
        make_lesson(utrecht, title=f"Les {number}")
    assert backlog()["pending"] >= 20
    with django_assert_max_num_queries(25):
        assert drain() >= 20
    assert len(documents(index)) == 20


def test_without_elasticsearch_nothing_is_recorded(utrecht, make_case):
    with override_settings(ELASTICSEARCH_URL=""):
        make_case(utrecht)
        record_changes([1, 2])
    assert not IndexOutbox.objects.exists()
