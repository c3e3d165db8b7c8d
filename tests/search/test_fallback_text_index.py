"""The fallback's text index follows every write of a page: no drift, no stale text."""

import pytest

from search import fulltext

pytestmark = [pytest.mark.django_db]


def test_new_edited_renamed_and_deleted_pages(utrecht, make_case, make_lesson):
    case = make_case(utrecht, approach="<p>Een keukentafelgesprek met de corporatie.</p>")
    lesson = make_lesson(utrecht, body="<p>Werk samen met de huisartsenpraktijk.</p>")
    assert fulltext.matching_ids("text", ["keukentafel"]) == {case.pk}
    assert fulltext.matching_ids("text", ["HUISARTS"]) == {lesson.pk}
    assert fulltext.matching_ids("summary", ["woningcorporaties"]) == {case.pk}

    case.approach = "<p>Een huisbezoek binnen twee weken.</p>"
    case.title = "Schulden eerder in beeld"
    case.save_revision().publish()
    assert fulltext.matching_ids("text", ["keukentafel"]) == set()
    assert fulltext.matching_ids("text", ["huisbezoek", "nergens"]) == {case.pk}
    assert fulltext.matching_ids("title", ["eerder in beeld"]) == {case.pk}
    assert fulltext.matching_ids("title", ["vroegsignalering"]) == {lesson.pk}

    lesson.delete()
    assert fulltext.matching_ids("text", ["huisarts"]) == set()


def test_short_strings_and_quotes_are_looked_for_literally(utrecht, make_case):
    case = make_case(utrecht, summary='Het "WW"-traject en 100% bereik.')
    assert fulltext.matching_ids("summary", ["ww"]) == {case.pk}
    assert fulltext.matching_ids("summary", ['"ww"']) == {case.pk}
    assert fulltext.matching_ids("summary", ["0%"]) == {case.pk}
    assert fulltext.matching_ids("summary", ["_"]) == set()
