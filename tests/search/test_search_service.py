"""Search's read side against the real node: facets, visibility, escaping, suggestions."""

import pytest

from cases.models import CasePage, LessonPage
from cases.visibility import visible_pages
from search import service
from search.relevance import index_now as index_everything
from search.service import SearchRequest

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture(autouse=True)
def patient_budget(monkeypatch):
    """These tests check what the query finds; the 2 s budget has its own test
    (test_search_fallback), and a shared node under a full suite can be slower."""
    monkeypatch.setattr(service, "SEARCH_TIMEOUT", 30.0)


MEMBERS_ONLY_TITLE = "Integriteit bij persoonsgebonden budgetten"  # demo-cb-004


def _visible_count(model, *, members: bool, **filters) -> int:
    class Reader:
        is_authenticated = members

    return visible_pages(model.objects.filter(**filters), Reader()).count()


def _counts(response, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in response.facets[facet]}


@pytest.mark.parametrize("members", [False, True])
def test_facet_counts_equal_database_counts(demo_index, members):
    response = service.search(SearchRequest(members=members))
    assert not response.degraded
    cases = _visible_count(CasePage, members=members)
    lessons = _visible_count(LessonPage, members=members)
    assert _counts(response, "type") == {"casusblad": cases, "les": lessons}
    assert response.total == cases + lessons
    themes = _counts(response, "theme")
    assert themes["jeugdhulp"] == _visible_count(
        CasePage, members=members, themes__slug="jeugdhulp"
    ) + _visible_count(LessonPage, members=members, themes__slug="jeugdhulp")
    utrecht = _visible_count(CasePage, members=members, municipality__cbs_code="GM0344")
    utrecht += _visible_count(LessonPage, members=members, municipality__cbs_code="GM0344")
    assert _counts(response, "municipality")["GM0344"] == utrecht


def test_facets_are_multi_select(demo_index):
    both = service.search(SearchRequest(filters={"type": ["les"], "theme": ["jeugdhulp"]}))
    only_theme = service.search(SearchRequest(filters={"theme": ["jeugdhulp"]}))
    # The type facet ignores its own selection, so "casusblad" keeps its count...
    assert _counts(both, "type") == _counts(only_theme, "type")
    assert [value.value for value in both.facets["type"] if value.selected] == ["les"]
    # ...while the hits and the other facets follow every selection.
    assert both.total == _counts(only_theme, "type")["les"]
    assert all(hit.type == "les" for hit in both.hits)
    assert sum(_counts(both, "municipality").values()) == both.total


def test_members_only_never_reaches_anonymous_readers(demo_index):
    anonymous = service.search(SearchRequest(q=MEMBERS_ONLY_TITLE, page_size=50))
    member = service.search(SearchRequest(q=MEMBERS_ONLY_TITLE, page_size=50, members=True))
    assert MEMBERS_ONLY_TITLE in member.hits[0].title
    assert all(MEMBERS_ONLY_TITLE not in hit.title for hit in anonymous.hits)
    assert member.total > anonymous.total
    public_ids = set(
        visible_pages(CasePage.objects.all(), _anonymous()).values_list("pk", flat=True)
    ) | set(visible_pages(LessonPage.objects.all(), _anonymous()).values_list("pk", flat=True))
    everything = service.search(SearchRequest(page_size=50, members=False))
    assert sum(_counts(everything, "type").values()) == len(public_ids)
    assert {hit.page_id for hit in everything.hits} <= public_ids

    assert any(
        s.text.startswith(MEMBERS_ONLY_TITLE)
        for s in service.suggest("Integriteit bij", members=True)
    )
    assert not any(
        s.text.startswith(MEMBERS_ONLY_TITLE)
        for s in service.suggest("Integriteit bij", members=False)
    )

    source = CasePage.objects.get(external_id="demo-cb-029")  # integrity, like demo-cb-004
    assert any(
        hit.title.startswith(MEMBERS_ONLY_TITLE)
        for hit in service.related(source, members=True, limit=10)
    )
    anonymous_related = service.related(source, members=False, limit=10)
    assert anonymous_related and {hit.page_id for hit in anonymous_related} <= public_ids


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_highlights_escape_titles_and_sections(utrecht, make_case, es_client):
    make_case(
        utrecht,
        title='<script>alert("x")</script> mantelzorg <img src=x onerror=alert(1)>',
        summary="Mantelzorg & <b>vet</b>",
        context=(
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; mantelzorg in het dorp</p>"
            "<ul><li>mantelzorg</li></ul>"
        ),
    )
    index_everything()
    response = service.search(SearchRequest(q="mantelzorg"))
    assert not response.degraded and response.total == 1
    highlights = response.hits[0].highlights
    fragments = [fragment for values in highlights.values() for fragment in values]
    assert {"title", "summary", "sections.context"} <= set(highlights)
    for fragment in fragments:
        assert "<" not in fragment.replace("<mark>", "").replace("</mark>", "")
    assert highlights["title"] == [
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>mantelzorg</mark> "
        "&lt;img src=x onerror=alert(1)&gt;"
    ]
    assert highlights["sections.context"][0].startswith(
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>mantelzorg</mark>"
    )


def test_highlights_mark_inflections_and_synonyms_of_the_query(utrecht, make_case, es_client):
    """The highlighter's own lean query (search.queries.highlight) still marks what
    the text query matched: an inflection in the title, a synonym in a section."""
    make_case(
        utrecht,
        title="Mantelzorgers in beeld",
        summary="Een overzicht.",
        context="<p>Wie een persoonsgebonden budget heeft, kiest zelf.</p>",
    )
    index_everything()
    response = service.search(SearchRequest(q="mantelzorger pgb"))
    assert not response.degraded and response.total == 1
    highlights = response.hits[0].highlights
    assert highlights["title"] == ["<mark>Mantelzorgers</mark> in beeld"]
    assert "<mark>persoonsgebonden</mark> <mark>budget</mark>" in highlights["sections.context"][0]


def test_a_long_query_finds_pages_sharing_most_of_its_words(utrecht, make_case, es_client):
    """From four words on, a page must hold most of them (search.queries.coverage_filter),
    counted over its fields together; a page sharing one or two words is left out, and
    a short query still finds it."""
    make_case(
        utrecht,
        title="Jongeren begeleiden naar werk",
        context="<p>Van school naar een baan, zonder uitkering.</p>",
    )
    make_case(utrecht, title="Werk en bijstand", summary="Re-integratie voor volwassenen.")
    make_case(utrecht, title="Begeleiden van jongeren", summary="Een jongerenwerker op straat.")
    index_everything()

    long = service.search(
        SearchRequest(q="jongeren van school naar werk begeleiden zonder bijstand")
    )
    assert not long.degraded
    assert [hit.title for hit in long.hits] == ["Jongeren begeleiden naar werk"]
    # A draft question is a whole text: the pages sharing a few of its words still count.
    draft = service.search(
        SearchRequest(q="jongeren van school naar werk begeleiden zonder bijstand", whole_text=True)
    )
    assert draft.total == 3
    short = service.search(SearchRequest(q="jongeren begeleiden"))
    assert {hit.title for hit in short.hits} >= {
        "Jongeren begeleiden naar werk",
        "Begeleiden van jongeren",
    }


def test_did_you_mean_corrects_a_typo(demo_index):
    response = service.search(SearchRequest(q="mantelzrogers platteland"))
    assert not response.degraded
    assert response.did_you_mean == "mantelzorgers platteland"
    assert service.search(SearchRequest(q="mantelzorgers platteland")).did_you_mean is None


def test_suggest_completes_terms_and_titles(demo_index):
    suggestions = service.suggest("jeug", members=False)
    assert ("Jeugdhulp", "term") in {(s.text, s.kind) for s in suggestions}
    titles = [s for s in suggestions if s.kind == "page"]
    assert titles and all("jeugd" in s.text.lower() and s.url.startswith("/") for s in titles)


def test_related_are_other_visible_casusbladen_sharing_terms(demo_index):
    page = CasePage.objects.get(external_id="demo-cb-026")  # mantelzorg, Wmo
    hits = service.related(page, members=False)
    assert len(hits) == 4
    assert page.pk not in {hit.page_id for hit in hits}
    assert {hit.type for hit in hits} == {"casusblad"}


def test_a_typo_and_an_inflection_still_find_the_page(demo_index):
    for query in ("mantelzorgers platteland", "mantelzrogers platteland", "boerenerf mantelzorg"):
        response = service.search(SearchRequest(q=query))
        assert not response.degraded
        titles = [hit.title for hit in response.hits[:3]]
        assert any(title.startswith("Mantelzorg op het platteland") for title in titles), query
