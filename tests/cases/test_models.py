import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cases.indexes import case_index_for
from cases.models import CaseIndexPage, CasePage, CaseStatus, Term, Vocabulary

pytestmark = pytest.mark.django_db


def test_taxonomy_is_seeded():
    counts = {v: Term.objects.filter(vocabulary=v).count() for v in Vocabulary.values}
    assert counts == {
        "thema": 15,
        "decentralisatie": 3,
        "risico": 4,
        "kans": 4,
        "organisatieprofiel": 3,
    }
    # The same slug in two vocabularies is two terms.
    assert Term.objects.filter(slug="agressie-en-geweld").count() == 2


def test_term_parent_must_share_the_vocabulary():
    risk = Term.objects.get(vocabulary=Vocabulary.RISK, slug="onbegrip")
    theme = Term(vocabulary=Vocabulary.THEME, slug="x", label="X", parent=risk)
    with pytest.raises(ValidationError):
        theme.full_clean()


def test_term_cannot_be_its_own_ancestor():
    parent = Term.objects.get(vocabulary=Vocabulary.THEME, slug="jeugdhulp")
    child = Term.objects.create(vocabulary=Vocabulary.THEME, slug="pleegzorg", label="Pleegzorg")
    child.parent = parent
    child.full_clean()
    child.save()
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.full_clean()


def test_case_index_is_created_once(utrecht):
    first = case_index_for(utrecht)
    assert case_index_for(utrecht).pk == first.pk
    assert first.live and first.url == "/utrecht/"
    assert CaseIndexPage.objects.count() == 1


def test_case_belongs_to_the_municipality_it_lives_under(utrecht, make_case):
    case = make_case(utrecht)
    assert case.municipality == utrecht
    assert CasePage.objects.get(pk=case.pk).municipality_id == utrecht.pk


def test_moving_a_case_moves_its_ownership(utrecht, amersfoort, make_case):
    case = make_case(utrecht)
    Page.objects.get(pk=case.pk).move(case_index_for(amersfoort), pos="last-child")
    assert CasePage.objects.get(pk=case.pk).municipality == amersfoort


def test_case_period_must_be_in_order(utrecht, make_case):
    case = make_case(utrecht)
    case.period_end = datetime.date(2015, 1, 1)
    with pytest.raises(ValidationError) as raised:
        case.full_clean()
    assert "period_end" in raised.value.message_dict


def test_finished_case_may_have_an_unknown_end(utrecht, make_case):
    # The interchange format's own example is "afgerond" with "end": null.
    case = make_case(utrecht, period_end=None, status=CaseStatus.FINISHED)
    case.full_clean()


def test_summary_is_at_most_500_characters(utrecht, make_case):
    case = make_case(utrecht)
    case.summary = "x" * 501
    with pytest.raises(ValidationError) as raised:
        case.full_clean()
    assert "summary" in raised.value.message_dict


def test_lesson_links_are_visible_from_both_sides(utrecht, make_case, make_lesson):
    case = make_case(utrecht)
    lesson = make_lesson(utrecht, cases=[case])
    assert list(case.lessons.all()) == [lesson]
    assert list(lesson.related_cases.all()) == [case]
