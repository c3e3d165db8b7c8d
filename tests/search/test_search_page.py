"""The search page, its suggestions and related casusbladen, through Django's test client.

Against the real Elasticsearch node (the demo content or hand-made pages, indexed
into this run's prefix), and with the database fallback when the node is down.
"""

import json
import re
from html import unescape

import pytest
from django.db import DatabaseError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from cases.models import CasePage, LessonPage
from cases.visibility import visible_pages
from search import client as search_client
from search import forms, service
from search.query_log_models import SearchQuery
from search.relevance import index_now
from search.service import FACETS
from tests.search.search_fixtures import DEAD_NODE, dead_elasticsearch  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

MEMBERS_ONLY_TITLE = "Integriteit bij persoonsgebonden budgetten"  # demo-cb-004, members only
SEARCH = "/zoeken/"
SUGGESTIONS = "/zoeken/suggesties"
HIT_TITLES = re.compile(
    r'<h3 class="utrecht-heading-3 kb-card__title"[^>]*><a[^>]*>(.*?)</a>', re.S
)


@pytest.fixture(autouse=True)
def patient_budget(monkeypatch):
    """What the page shows is tested here; the 2 s budget has its own test."""
    monkeypatch.setattr(service, "SEARCH_TIMEOUT", 30.0)


@pytest.fixture(autouse=True)
def dutch_afterwards():
    yield
    translation.activate("nl")


def shown(start: int, end: int, total: int) -> str:
    """The range line above the hits, with its en dash."""
    return f"{start}\N{EN DASH}{end} van {total}"


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def titles(html: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", title)) for title in HIT_TITLES.findall(html)]


def checkbox(html: str, name: str, value: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}" value="{re.escape(value)}"[^>]*>', html)
    assert found, (name, value)
    return found.group(0)


def test_addresses_in_dutch_and_english():
    assert reverse("search:page") == SEARCH
    assert reverse("search:suggestions") == SUGGESTIONS
    with translation.override("en"):
        assert reverse("search:page") == "/en/search/"
        assert reverse("search:suggestions") == "/en/search/suggestions"


def test_every_facet_has_a_parameter_and_a_label():
    assert set(forms.PARAMETERS) == set(FACETS) == set(forms.FACET_LABELS)


def test_results_show_type_municipality_year_marks_and_facets(client, demo_index):
    html = html_of(client.get(SEARCH, {"q": "mantelzorgers platteland"}))
    assert any(title.startswith("Mantelzorg op het platteland") for title in titles(html)[:3])
    case = CasePage.objects.get(title__startswith="Mantelzorg op het platteland")
    blocks = [block.split("</li>")[0] for block in html.split('<li class="kb-card kb-hit">')[1:]]
    first_hit = next(block for block in blocks if f'href="{case.url}"' in block)
    assert '<span class="kb-hit__type">Casusblad</span>' in first_hit
    assert case.municipality.name in first_hit
    assert str(case.period_start.year) in first_hit
    assert "<mark>" in first_hit
    assert "Zoeken werkt tijdelijk beperkt" not in html
    # Facets are checkboxes in a GET form with a submit button: no JavaScript needed.
    assert 'id="kb-search-form"' in html and 'method="get"' in html
    assert 'type="submit" form="kb-search-form"' in html
    response = service.search(
        forms.search_request(_query(q="mantelzorgers platteland"), members=False)
    )
    for value in response.facets["type"]:
        label = capfirst(value.label)
        assert f'{label} <span class="kb-facet__count">({value.count})</span>' in html
    assert 'name="type" value="casusblad"' in html
    # The header's search box is left out here: this page's own box is the same form.
    assert 'id="kb-header-search"' not in html


def _query(**params):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


def test_english_search_page(client, demo_index):
    html = html_of(client.get("/en/search/", {"q": "jeugdhulp"}))
    assert '<html lang="en"' in html
    assert "results for “jeugdhulp”" in unescape(html)
    assert 'action="/en/search/"' in html


def test_selected_facets_filter_and_show_removable_chips(client, demo_index):
    html = unescape(html_of(client.get(SEARCH, {"type": "les", "thema": "jeugdhulp"})))
    expected = visible_pages(LessonPage.objects.filter(themes__slug="jeugdhulp"), _anonymous())
    assert (
        f"{expected.count()} casusbladen en lessen" in html
        or f"{expected.count()} casusblad of les" in html
    )
    assert set(titles(html)) <= set(expected.values_list("title", flat=True))
    assert "checked" in checkbox(html, "type", "les")
    assert "checked" in checkbox(html, "thema", "jeugdhulp")
    assert "checked" not in checkbox(html, "type", "casusblad")
    chips = re.findall(r'<a class="kb-chip" href="([^"]*)">(.*?)</a>', html, re.S)
    assert len(chips) == 2
    by_label = {
        re.sub(r"<[^>]+>|\N{MULTIPLICATION SIGN}", "", label): href for href, label in chips
    }
    assert by_label["Filter weghalen Soort: Les"] == "?thema=jeugdhulp"
    assert by_label["Filter weghalen Thema: Jeugdhulp"] == "?type=les"
    assert 'href="?">Alle filters weghalen' in html


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_members_only_never_reaches_anonymous_readers(client, demo_index, member):
    members_only = CasePage.objects.get(external_id="demo-cb-004")
    anonymous = html_of(client.get(SEARCH, {"q": MEMBERS_ONLY_TITLE}))
    assert titles(anonymous), "the public pages about integrity are found"
    assert not any(title.startswith(MEMBERS_ONLY_TITLE) for title in titles(anonymous))
    assert members_only.url not in anonymous
    everything = unescape(html_of(client.get(SEARCH)))
    public_cases = visible_pages(CasePage.objects.all(), _anonymous()).count()
    assert f'Casusblad <span class="kb-facet__count">({public_cases})</span>' in everything
    anonymous_suggestions = client.get(SUGGESTIONS, {"q": "integriteit"}).json()
    # Every integrity page of the demo is for members (cb-004, cb-029, les-032): the
    # same prefix that suggests them to a member below suggests nothing here.
    assert anonymous_suggestions == {"suggestions": []}
    assert not any(
        s["text"].startswith(MEMBERS_ONLY_TITLE) for s in anonymous_suggestions["suggestions"]
    )
    # A public casusblad whose related cases, for a member, include the members-only one.
    source = next(
        case
        for case in visible_pages(CasePage.objects.all(), _anonymous())
        if members_only.pk in {hit.page_id for hit in service.related(case, members=True)}
    )
    related_anonymous = unescape(html_of(client.get(source.url)))
    assert "Vergelijkbare casusbladen" in related_anonymous
    assert MEMBERS_ONLY_TITLE not in related_anonymous

    client.force_login(member)
    found = titles(html_of(client.get(SEARCH, {"q": MEMBERS_ONLY_TITLE})))
    assert found[0].startswith(MEMBERS_ONLY_TITLE)
    member_suggestions = client.get(SUGGESTIONS, {"q": "integriteit"}).json()["suggestions"]
    assert any(s["text"].startswith(MEMBERS_ONLY_TITLE) for s in member_suggestions)
    assert MEMBERS_ONLY_TITLE in unescape(html_of(client.get(source.url)))
    members_cases = CasePage.objects.live().count()
    assert f'Casusblad <span class="kb-facet__count">({members_cases})</span>' in unescape(
        html_of(client.get(SEARCH))
    )


def test_a_script_in_a_title_is_shown_as_text_not_run(client, utrecht, make_case, es_client):
    make_case(
        utrecht,
        title='<script>alert("x")</script> mantelzorg <img src=x onerror=alert(1)>',
        summary="Mantelzorg & <b>vet</b>",
        context="<p>&lt;script&gt;alert(1)&lt;/script&gt; mantelzorg in het dorp</p>",
    )
    index_now()
    html = html_of(client.get(SEARCH, {"q": "mantelzorg"}))
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>vet" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>mantelzorg</mark>" in html
    # Suggestions are data, never markup: JSON (not sniffed as HTML), which
    # autocomplete.js writes as text (tests/browser/test_search_page.py).
    suggestions = client.get(SUGGESTIONS, {"q": "mantelz"})
    assert suggestions["Content-Type"] == "application/json"
    assert suggestions["X-Content-Type-Options"] == "nosniff"
    assert suggestions.json()["suggestions"][0]["text"].startswith("<script>")


def test_paging_sort_and_bounds(client, utrecht, make_case, es_client):
    for number in range(23):
        make_case(utrecht, title=f"Buurtgesprek {number:02d} over schulden")
    index_now()
    first = html_of(client.get(SEARCH, {"q": "buurtgesprek"}))
    assert len(titles(first)) == 10
    assert shown(1, 10, 23) in first
    assert 'href="?q=buurtgesprek&amp;pagina=2#resultaten"' in first
    second = html_of(client.get(SEARCH, {"q": "buurtgesprek", "pagina": "2"}))
    assert shown(11, 20, 23) in second and len(titles(second)) == 10
    assert set(titles(first)).isdisjoint(titles(second))
    # Past the end (an old link): the last page; nonsense: the first.
    last = html_of(client.get(SEARCH, {"q": "buurtgesprek", "pagina": "99"}))
    assert shown(21, 23, 23) in last and len(titles(last)) == 3
    for nonsense in ("abc", "-4", "0", "1e9", ""):
        assert shown(1, 10, 23) in html_of(
            client.get(SEARCH, {"q": "buurtgesprek", "pagina": nonsense})
        )
    newest = html_of(client.get(SEARCH, {"q": "buurtgesprek", "sortering": "nieuwste"}))
    assert titles(newest)[0] == "Buurtgesprek 22 over schulden"
    assert 'aria-current="true"' in newest.split("Nieuwste eerst")[0].rsplit("<a", 1)[1]


def test_bad_parameters_give_a_normal_page(client, utrecht, make_case, es_client):
    make_case(utrecht)
    index_now()
    response = client.get(
        SEARCH,
        {
            "q": "x" * 5000,
            "pagina": "abc",
            "onbekend": "1",
            "thema": ["<script>alert(1)</script>", "bestaat-niet"],
            "jaar": "geen-jaar",
            "sortering": "raar",
        },
    )
    html = html_of(response)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # a chip the reader can remove
    assert html_of(client.get(SEARCH, {"type": ["les"] * 200})).count('class="kb-chip"') == 1
    assert client.post(SEARCH).status_code == 405


def test_zero_results_say_so_and_suggest_what_to_do(client, utrecht, make_case, es_client):
    make_case(utrecht)
    index_now()
    html = unescape(html_of(client.get(SEARCH, {"q": "onvindbaarwoord", "thema": "jeugdhulp"})))
    assert "Niets gevonden voor “onvindbaarwoord”" in html
    assert "Geen casusblad of les past bij “onvindbaarwoord” met de filters hierboven." in html
    assert 'href="?q=onvindbaarwoord">zoek op “onvindbaarwoord” zonder filters' in html
    assert "Controleer de spelling" in html
    # The gap may be a question for peers: the ask page, with the search as its title.
    assert 'href="/vragen/nieuw/?titel=onvindbaarwoord">Stel een vraag</a>' in html
    row = SearchQuery.objects.get()
    assert (row.query, row.filters, row.results) == ("onvindbaarwoord", {"theme": ["jeugdhulp"]}, 0)
    found = html_of(client.get(SEARCH, {"q": "schulden"}))
    assert "Stel een vraag" not in found


def test_every_first_page_is_logged_anonymised_and_a_failing_log_costs_nothing(
    client, utrecht, make_case, es_client, monkeypatch
):
    make_case(utrecht)
    index_now()
    html_of(client.get(SEARCH, {"q": "schulden bel 06-12345678"}))
    html_of(client.get(SEARCH, {"q": "schulden bel 06-12345678", "pagina": "2"}))
    html_of(client.get(SEARCH))  # the bare page is not a search
    row = SearchQuery.objects.get()
    assert (row.query, row.results) == ("schulden bel [telefoonnummer]", 1)

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(SearchQuery.objects, "create", broken)
    assert "Vroegsignalering" in html_of(client.get(SEARCH, {"q": "schulden"}))

    def worse(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr("search.views.log_search", worse)
    assert "Vroegsignalering" in html_of(client.get(SEARCH, {"q": "schulden"}))


@pytest.mark.usefixtures("dead_elasticsearch")
def test_elasticsearch_down_the_page_answers_from_the_database_and_says_so(client, demo_content):
    html = unescape(html_of(client.get(SEARCH, {"q": "mantelzorgers platteland"})))
    assert "Zoeken werkt tijdelijk beperkt." in html
    assert any(title.startswith("Mantelzorg op het platteland") for title in titles(html)[:3])
    assert "<mark>" in html
    suggestions = client.get(SUGGESTIONS, {"q": "mantel"}).json()["suggestions"]
    assert suggestions
    page = CasePage.objects.get(external_id="demo-cb-026")
    case_html = unescape(html_of(client.get(page.url)))
    assert "Vergelijkbare casusbladen" in case_html


def test_not_configured_is_not_degraded(client, demo_content):
    with override_settings(ELASTICSEARCH_URL=""):
        html = html_of(client.get(SEARCH, {"q": "jeugdhulp"}))
    assert "Zoeken werkt tijdelijk beperkt" not in html
    assert titles(html)


def test_suggestions_endpoint(client, demo_index):
    response = client.get(SUGGESTIONS, {"q": "jeug"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    suggestions = response.json()["suggestions"]
    assert {"text": "Jeugdhulp", "kind": "term", "url": None} in suggestions
    pages = [s for s in suggestions if s["kind"] == "page"]
    assert pages and all(s["url"].startswith("/") for s in pages)
    assert client.get(SUGGESTIONS, {"q": "j"}).json() == {"suggestions": []}
    assert client.get(SUGGESTIONS).json() == {"suggestions": []}
    assert json.loads(client.get("/en/search/suggestions", {"q": "jeug"}).content)["suggestions"]


@pytest.mark.parametrize("elasticsearch", ["up", "down"])
def test_related_casusbladen_cost_no_query_per_card(
    client, utrecht, amersfoort, make_case, es_client, elasticsearch, settings
):
    source = make_case(utrecht, title="Schuldhulp in de wijk", themes=["inkomen-en-schulden"])
    make_case(amersfoort, title="Schuldhulp voor jongeren", themes=["inkomen-en-schulden"])

    def render() -> tuple[str, int]:
        if elasticsearch == "up":
            index_now()
        else:
            settings.ELASTICSEARCH_URL = DEAD_NODE
            search_client._client.cache_clear()
        client.get(source.url)  # warm the caches (site root paths, synonyms): not per card
        with CaptureQueriesContext(connection) as queries:
            html = unescape(html_of(client.get(source.url)))
        search_client._client.cache_clear()
        return html, len(queries)

    def related_cards(html: str) -> str:
        return html.split('id="vergelijkbare-casusbladen"')[1].split("</section>")[0]

    one, one_count = render()
    assert related_cards(one).count('<li class="kb-card"') == 1
    for number in range(3):
        make_case(amersfoort, title=f"Schulden aanpak {number}", themes=["inkomen-en-schulden"])
    four, four_count = render()
    related = related_cards(four)
    assert related.count('<li class="kb-card"') == 4
    assert "Schuldhulp voor jongeren" in related
    assert four_count == one_count


def test_a_search_box_in_every_header_and_first_on_the_home_page(client, full_case):
    for url in ("/", full_case.url, reverse("municipality_directory"), "/bestaat-niet/"):
        response = client.get(url)
        html = response.content.decode()
        header = html.split("</header>")[0]
        assert 'role="search"' in header and 'action="/zoeken/"' in header, url
        assert 'id="kb-header-search"' in header and 'name="q"' in header, url
    home = client.get("/").content.decode()
    main = home.split('<main id="inhoud"')[1]
    assert main.index('id="kb-home-search"') < main.index("<h2")
