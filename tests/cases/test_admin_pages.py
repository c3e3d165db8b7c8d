"""Every page type can be made through the Wagtail admin, only where the tree allows it.

The assertions are Wagtail's own (WagtailPageTestCase), bound to pytest-django's
client so the cases fixtures can be used.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cases.indexes import case_index_for
from cases.models import (
    CaseIndexPage,
    CasePage,
    CaseStatus,
    HomePage,
    LessonPage,
    Term,
    TopicIndexPage,
    Vocabulary,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_tests(client, admin_user) -> WagtailPageTestCase:
    """Wagtail's page assertions, run as a superuser through the pytest-django client."""
    tests = WagtailPageTestCase()
    tests.client = client
    client.force_login(admin_user)
    return tests


def add_url(model: type[Page], parent: Page) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def test_page_tree_rules(page_tests):
    page_tests.assertAllowedParentPageTypes(HomePage, {Page})
    page_tests.assertAllowedParentPageTypes(CaseIndexPage, {HomePage})
    page_tests.assertAllowedParentPageTypes(TopicIndexPage, {HomePage})
    page_tests.assertAllowedParentPageTypes(CasePage, {CaseIndexPage})
    page_tests.assertAllowedParentPageTypes(LessonPage, {CaseIndexPage})

    page_tests.assertAllowedSubpageTypes(HomePage, {CaseIndexPage, TopicIndexPage})
    page_tests.assertAllowedSubpageTypes(CaseIndexPage, {CasePage, LessonPage})
    page_tests.assertAllowedSubpageTypes(CasePage, set())
    page_tests.assertAllowedSubpageTypes(LessonPage, set())

    page_tests.assertCanCreateAt(HomePage, CaseIndexPage)
    page_tests.assertCanCreateAt(CaseIndexPage, CasePage)
    page_tests.assertCanCreateAt(CaseIndexPage, LessonPage)
    page_tests.assertCanNotCreateAt(HomePage, CasePage)
    page_tests.assertCanNotCreateAt(HomePage, LessonPage)
    page_tests.assertCanNotCreateAt(HomePage, HomePage)
    page_tests.assertCanNotCreateAt(CaseIndexPage, CaseIndexPage)
    page_tests.assertCanNotCreateAt(CasePage, LessonPage)
    page_tests.assertCanNotCreateAt(LessonPage, CasePage)
    page_tests.assertCanNotCreateAt(Page, CaseIndexPage)


def test_second_home_or_topic_index_cannot_be_added(page_tests, client):
    """max_count=1: the page types are allowed there, but one already exists."""
    root = Page.get_first_root_node()
    home = HomePage.objects.get()
    assert not HomePage.can_create_at(root)
    assert not TopicIndexPage.can_create_at(home)

    response = client.get(add_url(HomePage, root))
    assert response.status_code == 302
    assert HomePage.objects.count() == 1
    response = client.get(add_url(TopicIndexPage, home))
    assert response.status_code == 302


def test_case_index_is_created_through_the_admin(page_tests, utrecht):
    home = HomePage.objects.get()
    data = nested_form_data(
        {
            "title": "Utrecht",
            "slug": "utrecht",
            "municipality": utrecht.pk,
            "intro": "Casusbladen van de gemeente Utrecht.",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    page_tests.assertCanCreate(home, CaseIndexPage, data)

    index = CaseIndexPage.objects.get(municipality=utrecht)
    assert index.live and index.get_parent().pk == home.pk
    assert case_index_for(utrecht).pk == index.pk


def test_case_is_created_through_the_admin(page_tests, utrecht, amersfoort, case_form_data):
    index = case_index_for(utrecht)
    data = case_form_data(partner_municipalities=[amersfoort.pk])
    page_tests.assertCanCreate(index, CasePage, data)

    case = CasePage.objects.get(slug="schuldhulp-aan-de-keukentafel")
    assert case.live and case.get_parent().pk == index.pk
    assert case.municipality == utrecht  # set from the parent, never from the form
    assert list(case.partner_municipalities.all()) == [amersfoort]
    assert [t.slug for t in case.themes.all()] == ["jeugdhulp"]
    assert "laat in beeld" in case.context
    assert case.revisions.count() == 1


def test_lesson_is_created_through_the_admin(page_tests, utrecht, make_case):
    case = make_case(utrecht)
    index = case_index_for(utrecht)
    theme = Term.objects.get(vocabulary=Vocabulary.THEME, slug="jeugdhulp")
    data = nested_form_data(
        {
            "title": "Begin klein",
            "slug": "begin-klein",
            "summary": "Start met één corporatie en breid daarna uit.",
            "body": rich_text("<p>Een pilot met één partner maakte de afspraken concreet.</p>"),
            "seo_title": "",
            "search_description": "",
            "external_id": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    # Multiple choices are repeated keys, which nested_form_data would number.
    data.update({"related_cases": [case.pk], "themes": [theme.pk]})
    page_tests.assertCanCreate(index, LessonPage, data)

    lesson = LessonPage.objects.get(slug="begin-klein")
    assert lesson.live and lesson.municipality == utrecht
    assert list(lesson.related_cases.all()) == [case]


def test_case_form_reports_missing_required_fields(page_tests, client, utrecht, case_form_data):
    index = case_index_for(utrecht)
    data = case_form_data(summary="", themes=[], period_start="", status="")
    data["action-publish"] = "action-publish"

    response = client.post(add_url(CasePage, index), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"summary", "themes", "period_start", "status"} <= errors.keys()
    assert not CasePage.objects.exists()


def test_case_form_applies_the_model_rules(page_tests, client, utrecht, case_form_data):
    """The end cannot be before the start: CasePage.clean() runs in the admin too."""
    index = case_index_for(utrecht)
    data = case_form_data(status=CaseStatus.FINISHED, period_end="2020-12-31")
    data["action-publish"] = "action-publish"

    response = client.post(add_url(CasePage, index), data)

    assert response.status_code == 200
    assert "period_end" in response.context["form"].errors
    assert not CasePage.objects.exists()


def test_existing_pages_are_editable(page_tests, utrecht, make_case, make_lesson):
    """The edit view loads and re-saves each page type with the data it rendered."""
    case = make_case(utrecht)
    page_tests.assertPageIsEditable(case)
    page_tests.assertPageIsEditable(make_lesson(utrecht, cases=[case]))
    page_tests.assertPageIsEditable(case_index_for(utrecht))
    page_tests.assertPageIsEditable(HomePage.objects.get())


def test_case_preview(page_tests, client, utrecht, make_case, case_form_data):
    """The preview accepts the edit form; it renders once the page templates exist.

    The front-end templates are written separately. Until cases/case_page.html is
    there, only the preview's form step (which needs no template) is checked.
    """
    case = make_case(utrecht)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[case.pk])
    data = case_form_data(title="Voorbeeldweergave", slug=case.slug)

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(url)
    assert response.status_code == 200
    assert "Voorbeeldweergave" in response.content.decode()
    case.refresh_from_db()
    assert case.title == "Vroegsignalering van schulden"  # previewing saves nothing


def test_an_index_keeps_its_municipality(client, moderator, utrecht, amersfoort):
    """Editors' rights hang on the index, so its municipality cannot be changed later."""
    index = case_index_for(utrecht)
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[index.pk]))
    assert response.context["form"].fields["municipality"].disabled
