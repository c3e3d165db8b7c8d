"""Factories for municipality pages, shared by the cases tests."""

import datetime

import pytest
from django.core.management import call_command

from cases.indexes import case_index_for
from cases.models import CasePage, CaseStatus, LessonPage, Term, Vocabulary
from cases.visibility import set_members_only
from kennisbank.models import Municipality


@pytest.fixture
def municipalities(db) -> None:
    call_command("import_municipalities", verbosity=0)


@pytest.fixture
def utrecht(municipalities) -> Municipality:
    return Municipality.objects.get(cbs_code="GM0344")


@pytest.fixture
def amersfoort(municipalities) -> Municipality:
    return Municipality.objects.get(cbs_code="GM0307")


def term(vocabulary: Vocabulary, slug: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, slug=slug)


@pytest.fixture
def make_case(db):
    """Create and publish a casusblad; keyword arguments override the defaults."""

    def make(municipality: Municipality, *, members_only: bool = False, **fields) -> CasePage:
        themes = fields.pop("themes", ["jeugdhulp"])
        values = {
            "title": "Vroegsignalering van schulden",
            "summary": "Samen met woningcorporaties schulden eerder zien.",
            "period_start": datetime.date(2016, 1, 1),
            "period_end": datetime.date(2018, 12, 31),
            "status": CaseStatus.FINISHED,
            "context": "<p>Veel inwoners melden zich pas laat.</p>",
            "approach": "<p>Signalen van verhuurders komen bij het wijkteam.</p>",
            "contact_name": "Sanne de Vries",
            "contact_role": "Beleidsadviseur schulden",
            "contact_email": "sanne.devries@voorbeeld.nl",
            **fields,
        }
        page = CasePage(**values)
        case_index_for(municipality).add_child(instance=page)
        page.themes.set([term(Vocabulary.THEME, slug) for slug in themes])
        page.save_revision().publish()
        set_members_only(page, members_only)
        return page

    return make


@pytest.fixture
def make_lesson(db):
    def make(municipality: Municipality, *, cases=(), members_only: bool = False, **fields):
        themes = fields.pop("themes", ["jeugdhulp"])
        values = {
            "title": "Begin klein met vroegsignalering",
            "summary": "Start met één corporatie en breid daarna uit.",
            "body": "<p>Een pilot met één partner maakte de afspraken concreet.</p>",
            **fields,
        }
        page = LessonPage(**values)
        case_index_for(municipality).add_child(instance=page)
        page.themes.set([term(Vocabulary.THEME, slug) for slug in themes])
        page.related_cases.set(cases)
        page.save_revision().publish()
        set_members_only(page, members_only)
        return page

    return make
