"""The database fallback: same interface, same visibility, within the budget when ES is down."""

import time

import pytest
from django.test import override_settings

from cases.models import CasePage, LessonPage
from search import service
from search.service import SearchRequest

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def no_elasticsearch():
    with override_settings(ELASTICSEARCH_URL=""):
        yield


def _counts(response, facet):
    return {value.value: value.count for value in response.facets[facet]}


def test_answers_within_the_budget_when_elasticsearch_is_down(demo_content, dead_elasticsearch):
    started = time.monotonic()
    response = service.search(SearchRequest(q="mantelzorgers platteland"))
    assert time.monotonic() - started < service.SEARCH_TIMEOUT
    assert response.degraded
    assert response.hits[0].title.startswith("Mantelzorg op het platteland")
    assert "<mark>" in response.hits[0].highlights["title"][0]
    page = CasePage.objects.get(external_id="demo-cb-026")
    related = service.related(page, members=False)
    assert related and page.pk not in {hit.page_id for hit in related}
    assert service.suggest("mantel", members=False)


def test_not_configured_is_not_degraded(demo_content, no_elasticsearch):
    response = service.search(SearchRequest(q="jeugdhulp"))
    assert not response.degraded and response.total > 0


def test_visibility_and_facet_counts_follow_the_database(demo_content, no_elasticsearch):
    anonymous = service.search(SearchRequest(page_size=50))
    member = service.search(SearchRequest(page_size=50, members=True))
    public_cases = CasePage.objects.live().public().count()
    public_lessons = LessonPage.objects.live().public().count()
    assert _counts(anonymous, "type") == {"casusblad": public_cases, "les": public_lessons}
    assert _counts(member, "type") == {
        "casusblad": CasePage.objects.live().count(),
        "les": LessonPage.objects.live().count(),
    }
    members_only = CasePage.objects.get(external_id="demo-cb-004")
    query = "integriteit persoonsgebonden budgetten"
    hidden = service.search(SearchRequest(q=query, page_size=50))
    shown = service.search(SearchRequest(q=query, page_size=50, members=True))
    assert members_only.pk not in {hit.page_id for hit in hidden.hits}
    assert shown.hits[0].page_id == members_only.pk
    jeugd = CasePage.objects.live().public().filter(themes__slug="jeugdhulp").count()
    jeugd += LessonPage.objects.live().public().filter(themes__slug="jeugdhulp").count()
    assert _counts(anonymous, "theme")["jeugdhulp"] == jeugd
    assert not any(
        s.text.startswith("Integriteit bij persoonsgebonden")
        for s in service.suggest("Integriteit bij", members=False)
    )


def test_multi_select_sort_and_paging(
    demo_content, no_elasticsearch, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        selected = service.search(SearchRequest(filters={"type": ["les"], "theme": ["jeugdhulp"]}))
    only_theme = service.search(SearchRequest(filters={"theme": ["jeugdhulp"]}))
    assert _counts(selected, "type") == _counts(only_theme, "type")
    assert selected.total == _counts(only_theme, "type")["les"]
    newest = service.search(SearchRequest(sort="newest", page_size=5, page=2))
    first = service.search(SearchRequest(sort="newest", page_size=10))
    assert [hit.page_id for hit in newest.hits] == [hit.page_id for hit in first.hits[5:]]
    bounded = SearchRequest(page=10_000, page_size=500)
    assert bounded.page_size == service.MAX_PAGE_SIZE
    assert bounded.page * bounded.page_size <= service.MAX_WINDOW
