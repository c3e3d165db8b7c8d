"""The public pages, rendered by Django's test client: content, privacy and language."""

import datetime
import re
from html import unescape

import pytest
from django.conf import settings
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from cases.indexes import case_index_for
from cases.models import CaseStatus, Term, TopicIndexPage, Vocabulary

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Sanne de Vries",
    "contact_role": "Beleidsadviseur schulden",
    "contact_email": "sanne.devries@voorbeeld.nl",
}
TOPIC_LINK = re.compile(r'href="(/onderwerpen/[^"]+)"')


def term(vocabulary: Vocabulary, slug: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, slug=slug)


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return unescape(response.content.decode())


def dutch(message: str, **values) -> str:
    with translation.override("nl"):
        return gettext(message) % values if values else gettext(message)


def topics() -> TopicIndexPage:
    return TopicIndexPage.objects.live().get()


@pytest.fixture(autouse=True)
def dutch_afterwards():
    """A request to an /en/ address leaves English active in the test's thread."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("lid", "lid@example.org", "geheim-wachtwoord")


# --- each page type and its key content -------------------------------------------


def test_home_page_shows_the_latest_cases_lessons_and_themes(
    client, utrecht, make_case, make_lesson
):
    case = make_case(utrecht)
    lesson = make_lesson(utrecht, cases=[case])
    html = text_of(client.get("/"))
    assert '<html lang="nl"' in html
    assert "Wat hebben andere gemeenten geleerd?" in html  # the home page's intro
    for page in (case, lesson):
        assert f'href="{page.url}"' in html
        assert page.title in html
        assert page.summary in html
    assert "Utrecht" in html
    jeugdhulp = term(Vocabulary.THEME, "jeugdhulp")
    assert f'href="{topics().term_url(jeugdhulp)}"' in html
    assert f'href="{topics().url}"' in html


def test_home_page_says_so_when_nothing_is_published(client):
    html = text_of(client.get("/"))
    assert dutch("No casusbladen have been published yet.") in html
    assert dutch("No lessons have been published yet.") in html


def test_case_page_shows_summary_meta_sections_taxonomy_lessons_and_attachments(
    client, full_case, make_lesson, utrecht
):
    lesson = make_lesson(utrecht, cases=[full_case])
    html = text_of(client.get(full_case.url))

    assert f'<h1 class="utrecht-heading-1" lang="nl">{full_case.title}</h1>' in html
    assert full_case.summary in html
    with translation.override("nl"):
        size_class = str(utrecht.size_class_label())
        status = str(full_case.get_status_display())
        headings = [str(heading) for _name, heading, _html in full_case.sections()]
    assert f"({utrecht.province}; {size_class})" in html
    assert "Amersfoort" in html  # partner municipality
    assert "januari 2016" in html
    assert "december 2018" in html
    assert status.capitalize() in html
    assert len(headings) == 4
    for heading in headings:
        assert f">{heading}</h2>" in html
    assert "Veel inwoners melden zich pas laat." in html
    assert "Twee keer zoveel inwoners vroeg in beeld." in html
    for label in [
        "Inkomen en schulden",
        "Sociale wijkteams",
        "Participatiewet",
        "Onbegrip",
        "Beter contact",
        "Vroege vernieuwer",
    ]:
        assert f">{label}</a>" in html
    assert f'href="{lesson.url}"' in html
    document = full_case.attachments.get().document
    assert f'href="{document.url}"' in html
    assert "Evaluatierapport 2018" in html
    assert "Eindevaluatie door de hogeschool" in html
    with translation.override("nl"):
        size = filesizeformat(document.get_file_size())
    assert f"(PDF, {size})" in html


def test_running_case_shows_since_when(client, utrecht, make_case):
    case = make_case(
        utrecht, status=CaseStatus.RUNNING, period_start=datetime.date(2019, 3, 1), period_end=None
    )
    html = text_of(client.get(case.url))
    assert dutch("since %(start)s", start="maart 2019") in html


def test_lesson_page_shows_body_municipality_themes_and_its_cases(
    client, utrecht, make_case, make_lesson
):
    case = make_case(utrecht)
    lesson = make_lesson(utrecht, cases=[case], themes=["inkomen-en-schulden"])
    html = text_of(client.get(lesson.url))
    assert lesson.title in html
    assert lesson.summary in html
    assert "Een pilot met één partner maakte de afspraken concreet." in html
    assert f'href="{case_index_for(utrecht).url}"' in html
    assert f'href="{topics().term_url(term(Vocabulary.THEME, "inkomen-en-schulden"))}"' in html
    assert f'href="{case.url}"' in html


def test_municipality_index_lists_its_cases_and_lessons(
    client, utrecht, amersfoort, make_case, make_lesson
):
    case = make_case(utrecht)
    lesson = make_lesson(utrecht)
    other = make_case(amersfoort, title="Eén wijkteam voor jeugd en Wmo")
    html = text_of(client.get(case_index_for(utrecht).url))
    assert '<h1 class="utrecht-heading-1" lang="nl">Utrecht</h1>' in html
    assert f'href="{case.url}"' in html
    assert f'href="{lesson.url}"' in html
    assert other.title not in html

    empty = text_of(client.get(case_index_for(amersfoort).url))
    assert dutch("%(name)s has not published any lessons yet.", name="Amersfoort") in empty


def test_topic_overview_links_every_term_of_every_vocabulary(client):
    html = text_of(client.get(topics().url))
    with translation.override("nl"):
        labels = [str(label) for label in Vocabulary.labels]
    for label in labels:
        assert f">{label[0].upper()}{label[1:]}</h2>" in html
    links = set(TOPIC_LINK.findall(html))
    assert links == {topics().term_url(t) for t in Term.objects.all()}


def test_term_page_lists_the_cases_and_lessons_with_that_term(
    client, utrecht, make_case, make_lesson
):
    case = make_case(utrecht, themes=["jeugdhulp"])
    other = make_case(
        utrecht, title="Schuldhulp aan de keukentafel", themes=["inkomen-en-schulden"]
    )
    lesson = make_lesson(utrecht, themes=["jeugdhulp"])
    html = text_of(client.get(topics().term_url(term(Vocabulary.THEME, "jeugdhulp"))))
    assert '<h1 class="utrecht-heading-1" lang="nl">Jeugdhulp</h1>' in html
    assert f'href="{case.url}"' in html
    assert f'href="{lesson.url}"' in html
    assert other.title not in html


def test_term_page_says_so_when_nothing_has_the_term(client):
    html = text_of(client.get(topics().term_url(term(Vocabulary.RISK, "onbegrip"))))
    assert dutch("There are no casusbladen about “%(label)s” yet.", label="Onbegrip") in html


@pytest.mark.parametrize(
    "path", ["/onderwerpen/thema/bestaat-niet/", "/onderwerpen/onzin/jeugdhulp/"]
)
def test_unknown_term_or_vocabulary_is_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = unescape(response.content.decode())
    assert dutch("Page not found") in html
    assert '<html lang="nl"' in html


def test_error_page_renders_without_a_request_or_context_processors():
    html = loader.get_template("500.html").render({})
    assert '<html lang="nl"' in html
    assert dutch("Something went wrong") in html


# --- taxonomy links resolve ---------------------------------------------------------


def test_taxonomy_links_on_case_and_lesson_pages_resolve(client, full_case, make_lesson, utrecht):
    lesson = make_lesson(utrecht, cases=[full_case], themes=["inkomen-en-schulden"])
    links = set()
    for page in (full_case, lesson):
        links |= set(TOPIC_LINK.findall(text_of(client.get(page.url))))
    assert len(links) == 6  # the case's six terms; the lesson's theme is one of them
    for link in links:
        listing = text_of(client.get(link))
        assert full_case.title in listing, link


# --- the contact person is for members only ----------------------------------------


def test_contact_details_are_never_shown_to_anonymous_visitors(
    client, full_case, make_lesson, utrecht
):
    lesson = make_lesson(utrecht, cases=[full_case])
    jeugdhulp = topics().term_url(term(Vocabulary.THEME, "inkomen-en-schulden"))
    for path in [full_case.url, lesson.url, "/", case_index_for(utrecht).url, jeugdhulp]:
        html = text_of(client.get(path))
        for value in CONTACT.values():
            assert value not in html, (path, value)
        assert "mailto:" not in html, path
    assert dutch("The contact person is visible to logged-in members only.") in text_of(
        client.get(full_case.url)
    )


def test_contact_details_are_shown_to_logged_in_members(client, member, full_case):
    client.force_login(member)
    html = text_of(client.get(full_case.url))
    for value in CONTACT.values():
        assert value in html
    assert f'href="mailto:{CONTACT["contact_email"]}"' in html


# --- members-only casusbladen -------------------------------------------------------


def test_members_only_case_sends_anonymous_visitors_to_login(client, utrecht, make_case):
    case = make_case(utrecht, title="Alleen voor leden", members_only=True)
    response = client.get(case.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailcore_login"))
    assert f"next={case.url}" in response["Location"]
    login = text_of(client.get(response["Location"]))
    assert 'name="password"' in login
    assert '<html lang="nl"' in login


def test_members_only_case_is_hidden_from_anonymous_listings(
    client, member, utrecht, make_case, make_lesson
):
    public = make_case(utrecht)
    hidden = make_case(utrecht, title="Alleen voor leden", members_only=True)
    lesson = make_lesson(utrecht, cases=[public, hidden])
    listings = [
        "/",
        case_index_for(utrecht).url,
        topics().term_url(term(Vocabulary.THEME, "jeugdhulp")),
        lesson.url,
    ]
    for path in listings:
        html = text_of(client.get(path))
        assert public.title in html, path
        assert hidden.title not in html, path
        assert f'href="{hidden.url}"' not in html, path

    client.force_login(member)
    assert client.get(hidden.url).status_code == 200
    for path in listings:
        assert f'href="{hidden.url}"' in text_of(client.get(path)), path


# --- layout, language and account ---------------------------------------------------


def test_every_page_has_the_skip_link_landmarks_and_language_switch(client, utrecht, make_case):
    case = make_case(utrecht)
    html = text_of(client.get(case.url))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'class="voorbeeld-theme"' in html
    assert f'href="#inhoud">{dutch("Skip to content")}</a>' in html
    assert '<main id="inhoud"' in html
    assert html.count("<header") == 1
    assert html.count("<footer") == 1
    assert f'aria-label="{dutch("Main navigation")}"' in html
    assert f'action="{reverse("set_language")}"' in html
    assert '<label class="utrecht-form-label" for="kb-language">' in html
    assert '<select class="utrecht-select utrecht-select--html-select' in html
    assert f'href="{reverse("wagtailcore_login")}?next={case.url}"' in html


def test_logged_in_members_get_a_logout_form(client, member):
    client.force_login(member)
    html = text_of(client.get("/"))
    assert f'action="{reverse("wagtailadmin_logout")}" method="post"' in html
    assert f'href="{reverse("wagtailcore_login")}' not in html


def test_pages_are_dutch_by_default_and_english_after_switching(client, utrecht, make_case):
    case = make_case(utrecht)
    path = case.url  # page.url follows the active language, so keep the Dutch one
    assert '<html lang="nl"' in text_of(client.get(path))

    response = client.post(reverse("set_language"), {"language": "en", "next": path})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert response["Location"] == f"/en{path}"

    html = text_of(client.get(response["Location"]))
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    assert case.title in html
    assert "January 2016" in html
    # Links stay in English.
    assert 'href="/en/utrecht/"' in html

    # The form's `next` is the address without the language prefix, which the
    # set_language view (served in the default language) can translate.
    assert f'<input type="hidden" name="next" value="{path}">' in html
    back = client.post(reverse("set_language"), {"language": "nl", "next": path})
    assert back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    assert back["Location"] == path
    assert '<html lang="nl"' in text_of(client.get(path))
