"""The fallback's search table follows every change that alters what search shows.

After each change the table must equal one rebuilt from scratch (the same code the
migration and ``search_index fallback`` use), and a search must show the change.
"""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from cases.indexes import case_index_for
from cases.models import Term, Vocabulary
from cases.visibility import set_members_only
from search import fallback, fallback_table
from search.fallback_models import FallbackPage, FallbackValue
from search.service import SearchRequest

pytestmark = [pytest.mark.django_db]


def _snapshot() -> dict:
    pages = {row["page_id"]: row for row in FallbackPage.objects.values().order_by("page_id")}
    for page_id, facet, value in FallbackValue.objects.values_list("page_id", "facet", "value"):
        pages[page_id].setdefault("values", set()).add((facet, value))
    return pages


def assert_in_step() -> dict:
    kept = _snapshot()
    fallback_table.rebuild()
    assert kept == _snapshot()
    return kept


def _ids(q: str = "", *, members: bool = False, **filters) -> set[int]:
    request = SearchRequest(q=q, members=members, filters=filters, page_size=50)
    return {hit.page_id for hit in fallback.search(request, degraded=False).hits}


def test_publish_edit_and_unpublish(utrecht, make_case):
    case = make_case(utrecht, title="Keukentafelgesprekken in de wijk")
    row = assert_in_step()[case.pk]
    assert (row["kind"], row["members_only"], row["municipality_code"]) == (
        "casusblad",
        False,
        "GM0344",
    )
    assert _ids("keukentafel") == {case.pk}

    case.themes.set([Term.objects.get(vocabulary=Vocabulary.THEME, slug="integriteit")])
    case.save_revision().publish()
    assert ("theme", "integriteit") in assert_in_step()[case.pk]["values"]
    assert _ids(theme=["integriteit"]) == {case.pk}
    assert _ids(theme=["jeugdhulp"]) == set()

    case.unpublish()
    assert case.pk not in assert_in_step()
    assert _ids("keukentafel", members=True) == set()


def test_visibility_change_of_the_page_and_of_an_ancestor(utrecht, make_case, make_lesson):
    case = make_case(utrecht, title="Keukentafelgesprekken in de wijk")
    lesson = make_lesson(utrecht, title="Keukentafel: begin klein")
    set_members_only(case, True)
    assert assert_in_step()[case.pk]["members_only"]
    assert _ids("keukentafel") == {lesson.pk}
    assert _ids("keukentafel", members=True) == {case.pk, lesson.pk}
    counts = fallback.search(SearchRequest(q="keukentafel"), degraded=False).facets["type"]
    assert {value.value: value.count for value in counts} == {"les": 1}

    set_members_only(case, False)
    index = case_index_for(utrecht)
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    rows = assert_in_step()
    assert rows[case.pk]["members_only"] and rows[lesson.pk]["members_only"]
    assert _ids("keukentafel") == set()

    PageViewRestriction.objects.filter(page=index).delete()
    assert not assert_in_step()[lesson.pk]["members_only"]
    assert _ids("keukentafel") == {case.pk, lesson.pk}


def test_move_and_delete(utrecht, amersfoort, make_case):
    case = make_case(utrecht, title="Keukentafelgesprekken in de wijk")
    target = case_index_for(amersfoort)
    PageViewRestriction.objects.create(page=target, restriction_type=PageViewRestriction.LOGIN)
    case.move(target, pos="last-child")
    assert assert_in_step()[case.pk]["members_only"]
    assert _ids("keukentafel") == set()

    case.delete()
    assert case.pk not in assert_in_step()
    assert not FallbackValue.objects.filter(page_id=case.pk).exists()


def test_renamed_term_and_municipality(utrecht, make_case):
    case = make_case(utrecht, title="Keukentafelgesprekken in de wijk")
    theme = Term.objects.get(vocabulary=Vocabulary.THEME, slug="jeugdhulp")
    theme.slug = "jeugd"
    theme.save()
    assert ("theme", "jeugd") in assert_in_step()[case.pk]["values"]

    utrecht.name = "Utrecht-Stad"
    utrecht.population = 4_000
    utrecht.save()
    row = assert_in_step()[case.pk]
    assert (row["town"], row["size_class"]) == ("Utrecht-Stad", "<5k")
    assert _ids(size_class=["<5k"]) == {case.pk}


def test_rebuild_command(utrecht, make_case):
    case = make_case(utrecht)
    FallbackPage.objects.all().delete()
    call_command("search_index", "fallback", verbosity=0)
    assert case.pk in assert_in_step()
