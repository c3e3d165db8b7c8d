"""Listings: pagination with counts, and what anonymous visitors learn of members-only pages."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from cases.indexes import case_index_for
from cases.listings import PER_PAGE
from cases.models import TopicIndexPage, Vocabulary
from tests.page_fixtures import term

pytestmark = pytest.mark.django_db
# The listings show ranges with an en dash, as Dutch typography wants.
# ruff: noqa: RUF001

CARD_TITLE = re.compile(r'class="utrecht-heading-3 kb-card__title"><a [^>]*>([^<]+)</a>')


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return unescape(response.content.decode())


@pytest.fixture(autouse=True)
def dutch_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def theme_url(slug: str = "integriteit") -> str:
    return TopicIndexPage.objects.live().get().term_url(term(Vocabulary.THEME, slug))


def test_theme_listing_tells_anonymous_visitors_how_many_are_for_members_without_titles(
    client, utrecht, make_case, make_lesson, member
):
    secret = make_case(utrecht, title="Geheime aanpak", themes=["integriteit"], members_only=True)
    make_case(utrecht, title="Nog een geheime aanpak", themes=["integriteit"], members_only=True)
    make_lesson(utrecht, title="Geheime les", themes=["integriteit"], members_only=True)

    html = html_of(client.get(theme_url()))
    with translation.override("nl"):
        cases_note = ngettext(
            "There is %(counter)s more casusblad here for members only.",
            "There are %(counter)s more casusbladen here for members only.",
            2,
        ) % {"counter": 2}
        lessons_note = ngettext(
            "There is %(counter)s more lesson here for members only.",
            "There are %(counter)s more lessons here for members only.",
            1,
        ) % {"counter": 1}
    assert cases_note in html
    assert lessons_note in html
    assert "Geheim" not in html
    assert secret.url not in html
    assert f'href="{reverse("wagtailcore_login")}?next=' in html
    # Not the sentence that says there is nothing at all.
    assert "Er zijn nog geen casusbladen" not in html

    client.force_login(member)
    html = html_of(client.get(theme_url()))
    assert "Geheime aanpak" in html and "Geheime les" in html
    assert "alleen voor leden" not in html


def test_municipality_index_is_paginated_with_counts(client, utrecht, make_case):
    titles = [f"Casus {number:02d}" for number in range(PER_PAGE + 3)]
    for title in titles:
        make_case(utrecht, title=title)
    index = case_index_for(utrecht)

    first = html_of(client.get(index.url))
    assert f'Casusbladen <span class="kb-count">({len(titles)})</span>' in first
    assert f"1–{PER_PAGE} van {len(titles)}" in first
    assert len(CARD_TITLE.findall(first)) == PER_PAGE
    assert 'aria-current="page" aria-label="Pagina 1, huidige pagina"' in first
    assert 'href="?casusbladen=2#casusbladen" rel="next"' in first

    second = html_of(client.get(index.url, {"casusbladen": 2}))
    assert len(CARD_TITLE.findall(second)) == 3
    assert f"{PER_PAGE + 1}–{len(titles)} van {len(titles)}" in second
    assert 'href="?#casusbladen" rel="prev"' in second
    shown = set(CARD_TITLE.findall(first)) | set(CARD_TITLE.findall(second))
    assert shown == set(titles)

    # A page number past the end or not a number shows a page, never an error.
    assert len(CARD_TITLE.findall(html_of(client.get(index.url, {"casusbladen": 99})))) == 3
    assert len(CARD_TITLE.findall(html_of(client.get(index.url, {"casusbladen": "x"})))) == 12


def test_a_short_listing_has_no_pagination(client, utrecht, make_case):
    make_case(utrecht)
    html = html_of(client.get(case_index_for(utrecht).url))
    assert "utrecht-pagination" not in html
    assert 'Casusbladen <span class="kb-count">(1)</span>' in html


# --- /gemeenten/ --------------------------------------------------------------------

ROW = re.compile(
    r'<th class="utrecht-table__header-cell" scope="row">\s*(?:<a [^>]*href="([^"]+)">)?'
    r"([^<]+)(?:</a>)?\s*</th>.*?"
    r'--numeric">(\d+)</td>\s*<td class="utrecht-table__cell utrecht-table__cell--numeric">(\d+)',
    re.S,
)


def rows(html: str) -> dict[str, tuple[str, int, int]]:
    return {
        name: (url, int(cases), int(lessons)) for url, name, cases, lessons in ROW.findall(html)
    }


@pytest.fixture
def directory_content(setup_editors, utrecht, amersfoort, make_case, make_lesson):
    make_case(utrecht, title="Openbaar")
    make_case(utrecht, title="Voor leden", members_only=True)
    make_lesson(utrecht)
    make_case(amersfoort, title="Amersfoort voor leden", members_only=True)


def test_directory_counts_only_what_the_visitor_may_see(client, directory_content, member):
    url = reverse("municipality_directory")
    html = html_of(client.get(url, {"provincie": "Utrecht"}))
    found = rows(html)
    assert found["Utrecht"] == (case_index_for_url("GM0344"), 1, 1)
    assert found["Amersfoort"][1:] == (0, 0)
    assert "Voor leden" not in html

    client.force_login(member)
    found = rows(html_of(client.get(url, {"provincie": "Utrecht"})))
    assert found["Utrecht"][1:] == (2, 1)
    assert found["Amersfoort"][1:] == (1, 0)


def case_index_for_url(cbs_code: str) -> str:
    from municipalities.models import Municipality

    return case_index_for(Municipality.objects.get(cbs_code=cbs_code)).url


def test_directory_filters_by_province_size_and_content(client, directory_content):
    url = reverse("municipality_directory")
    everything = html_of(client.get(url))
    assert "342 gemeenten" in everything
    assert "1–50 van 342" in everything
    assert len(rows(everything)) == 50

    utrecht_province = rows(html_of(client.get(url, {"provincie": "Utrecht"})))
    assert "Utrecht" in utrecht_province and "Amsterdam" not in utrecht_province
    assert len(utrecht_province) == 26

    # Utrecht (about 370,000 inhabitants) is in the largest class, Amersfoort is not.
    largest = rows(html_of(client.get(url, {"provincie": "Utrecht", "grootte": "250k+"})))
    assert list(largest) == ["Utrecht"]

    with_content = html_of(client.get(url, {"met_inhoud": "on"}))
    assert list(rows(with_content)) == ["Utrecht"]
    assert "1 gemeente" in with_content

    # An unknown filter value is reported and ignored rather than failing.
    invalid = html_of(client.get(url, {"grootte": "enorm"}))
    assert "Een filter was ongeldig en is genegeerd." in invalid
    assert "342 gemeenten" in invalid


def test_directory_takes_the_same_number_of_queries_for_one_page_or_many_rows(
    client, directory_content
):
    url = reverse("municipality_directory")
    client.get(url)  # the first request also looks up the site
    with CaptureQueriesContext(connection) as one_row:
        client.get(url, {"provincie": "Utrecht", "grootte": "250k+"})
    # 26 rows, two of them linked to their index (setup_editors made those two only).
    with CaptureQueriesContext(connection) as many_rows:
        client.get(url, {"provincie": "Utrecht", "grootte": ""})
    assert len(many_rows) == len(one_row), [q["sql"][:120] for q in many_rows.captured_queries]


def test_directory_is_in_the_main_navigation(client, directory_content):
    url = reverse("municipality_directory")
    html = html_of(client.get(url))
    assert f'href="{url}" aria-current="page">Gemeenten</a>' in html
    html = html_of(client.get("/"))
    assert f'href="{url}">Gemeenten</a>' in html
