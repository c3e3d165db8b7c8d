"""Partner municipalities are chosen in a searchable chooser, not a 342-option select."""

import json
import re

import pytest
from django.urls import reverse

from cases.models import CasePage
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(dutch_admin, editor_a):
    return dutch_admin(editor_a)


def test_the_editor_renders_the_chooser_with_the_chosen_partners(
    editor_client, utrecht, amersfoort, make_case
):
    case = make_case(utrecht)
    case.partner_municipalities.set([amersfoort])
    case.save_revision().publish()

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-controller="kb-multiple-chooser"' in html
    assert f'<input type="hidden" name="partner_municipalities" value="{amersfoort.pk}">' in html
    assert '<select name="partner_municipalities"' not in html
    assert html.count('name="partner_municipalities"') == 2  # the chosen one and the template
    assert "Gemeenten kiezen" in html
    assert reverse("municipality_chooser:choose") in html
    assert "cases/admin/multiple-chooser.js" in html


def test_the_chooser_searches_by_name_province_and_code(editor_client, utrecht):
    url = reverse("municipality_chooser:choose")

    def names(query: str) -> str:
        response = editor_client.get(url, {"multiple": "1", "q": query})
        assert response.status_code == 200
        return json.loads(response.content)["html"]

    found = names("amersf")
    assert "Amersfoort" in found and "Zwolle" not in found
    assert re.search(r"<td\s*>\s*Utrecht\s*</td>", found)  # the province, to tell names apart
    assert 'type="checkbox"' in found  # several can be chosen at once
    assert "Amersfoort" in names("GM0307") and "Zwolle" not in names("GM0307")
    assert "Zwolle" in names("overijssel") and "Amersfoort" not in names("overijssel")


def test_the_chosen_partners_are_returned_and_saved(
    editor_client, utrecht, amersfoort, make_case, case_form_data
):
    chosen = reverse("municipality_chooser:chosen_multiple")
    response = editor_client.get(chosen, {"id": [amersfoort.pk, utrecht.pk]})
    result = json.loads(response.content)
    assert result["step"] == "chosen"
    assert {(item["id"], item["title"]) for item in result["result"]} == {
        (str(amersfoort.pk), "Amersfoort"),
        (str(utrecht.pk), "Utrecht"),
    }

    case = make_case(utrecht)
    zwolle = Municipality.objects.get(name="Zwolle")
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        case_form_data(slug=case.slug, partner_municipalities=[amersfoort.pk, zwolle.pk]),
    )

    assert response.status_code == 302
    draft = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    assert {m.name for m in draft.partner_municipalities.all()} == {"Amersfoort", "Zwolle"}
