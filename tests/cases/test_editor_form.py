"""The casusblad and les editor: field limits, unreadable rich text, status, clean titles.

Everything is posted to the admin's own add and edit views, as a browser (or a
script holding a session) would.
"""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from cases.indexes import case_index_for
from cases.models import CasePage, CaseStatus, LessonPage
from cases.models.limits import PARTNER_LIMIT, RICH_TEXT_LIMIT
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(dutch_admin, admin_user):
    return dutch_admin(admin_user)


def add_case(client, index, data):
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", index.pk])
    return client.post(url, {**data, "action-publish": "action-publish"})


def edit(client, page, data):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(url, {**data, "action-publish": "action-publish"})


def errors_of(response) -> dict[str, list[str]]:
    assert response.status_code == 200, response.status_code
    return {name: list(messages) for name, messages in response.context["form"].errors.items()}


def test_a_section_over_the_limit_is_a_dutch_error_naming_field_and_limit(
    admin_client, utrecht, case_form_data
):
    too_long = "x" * RICH_TEXT_LIMIT
    data = case_form_data(context=rich_text(f"<p>{too_long}</p>"))

    errors = errors_of(add_case(admin_client, case_index_for(utrecht), data))

    # Counted like imported HTML: Draftail's block keys (data-block-key) are left out.
    assert errors == {
        "context": [
            f"Context mag ten hoogste {RICH_TEXT_LIMIT} tekens lang zijn, opmaak meegeteld; "
            f"deze tekst heeft er {RICH_TEXT_LIMIT + 7}."
        ]
    }
    assert not CasePage.objects.exists()

    at_limit = case_form_data(context=rich_text(f"<p>{too_long[7:]}</p>"))
    assert add_case(admin_client, case_index_for(utrecht), at_limit).status_code == 302
    assert 'data-block-key="' in CasePage.objects.get().context


def test_plain_text_and_partner_limits_name_the_field(admin_client, utrecht, case_form_data):
    partners = list(Municipality.objects.values_list("pk", flat=True)[: PARTNER_LIMIT + 1])
    data = case_form_data(title="T" * 256, contact_name="n" * 121, partner_municipalities=partners)

    errors = errors_of(add_case(admin_client, case_index_for(utrecht), data))

    assert errors == {
        "title": ["Titel mag ten hoogste 255 tekens lang zijn; deze tekst heeft er 256."],
        "contact_name": [
            "Naam contactpersoon mag ten hoogste 120 tekens lang zijn; deze tekst heeft er 121."
        ],
        "partner_municipalities": [
            f"Kies bij Partnergemeenten ten hoogste {PARTNER_LIMIT}; "
            f"er zijn er nu {PARTNER_LIMIT + 1} gekozen."
        ],
    }


@pytest.mark.parametrize(
    "posted",
    ["<p>Rauwe <b>HTML</b></p>", "geen json", '{"blocks": 5}', "[1, 2"],
)
def test_rich_text_not_in_the_editor_format_is_a_form_error(
    admin_client, utrecht, make_case, case_form_data, posted
):
    case = make_case(utrecht)
    before = case.approach

    errors = errors_of(edit(admin_client, case, case_form_data(slug=case.slug, approach=posted)))

    assert errors == {
        "approach": [
            "Deze tekst is niet in het formaat van de editor verstuurd en kon niet worden "
            "gelezen. Laad de pagina opnieuw en voer de tekst in de editor in."
        ]
    }
    assert CasePage.objects.get(pk=case.pk).approach == before


def test_an_empty_rich_text_value_is_empty_or_required(
    admin_client, utrecht, make_case, make_lesson, case_form_data
):
    case = make_case(utrecht)

    response = edit(admin_client, case, case_form_data(slug=case.slug, results=""))
    assert response.status_code == 302
    assert CasePage.objects.get(pk=case.pk).results == ""

    lesson = make_lesson(utrecht, cases=[case])
    data = {
        "title": lesson.title,
        "slug": lesson.slug,
        "summary": lesson.summary,
        "body": "",
        "themes": [t.pk for t in lesson.themes.all()],
        "related_cases": [case.pk],
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    errors = errors_of(edit(admin_client, lesson, data))
    assert errors == {"body": ["Dit is een verplicht veld."]}
    assert LessonPage.objects.get(pk=lesson.pk).body == lesson.body


def test_status_is_a_required_choice_with_dutch_labels_and_no_placeholder(admin_client, utrecht):
    url = reverse("wagtailadmin_pages:add", args=["cases", "casepage", case_index_for(utrecht).pk])

    response = admin_client.get(url)

    field = response.context["form"]["status"]
    assert [(choice.data["value"], choice.data["label"]) for choice in field.subwidgets] == [
        ("lopend", "Lopend"),
        ("afgerond", "Afgerond"),
    ]
    html = str(field)
    assert "---------" not in html
    assert 'type="radio"' in html and 'value="lopend" required checked' in html.replace(
        ' id="id_status_0"', ""
    )
    assert CaseStatus.RUNNING.label == "Lopend"


def test_titles_and_summaries_are_cleaned_in_the_admin(admin_client, utrecht, case_form_data):
    data = case_form_data(
        title="\u202eVeilig\u202c op huis\u200bbezoe\u0301k\u2069",
        summary="Samen\u200d met de corporatie\ufeff.",
    )

    response = add_case(admin_client, case_index_for(utrecht), data)

    assert response.status_code == 302
    case = CasePage.objects.get()
    assert case.title == "Veilig op huisbezoék"
    assert case.draft_title == case.title
    assert case.summary == "Samen met de corporatie."
    revision_title = json.loads(json.dumps(case.latest_revision.content))["title"]
    assert revision_title == case.title


def test_every_page_type_cleans_its_title(utrecht):
    index = case_index_for(utrecht)
    index.title = "Gemeente\u200b Utrecht\u202e"
    index.save()

    index.refresh_from_db()
    assert index.title == "Gemeente Utrecht"
