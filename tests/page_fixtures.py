"""Municipalities, page factories and editorial roles shared by the whole suite."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents.models import Document

from cases.indexes import case_index_for
from cases.models import CaseAttachment, CasePage, CaseStatus, LessonPage, Term, Vocabulary
from cases.visibility import set_members_only
from municipalities.models import Municipality


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


def publish(page, municipality: Municipality, themes: list[str], members_only: bool):
    page.themes.set([term(Vocabulary.THEME, slug) for slug in themes])
    case_index_for(municipality).add_child(instance=page)
    page.save_revision().publish()
    set_members_only(page, members_only)
    return page


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
        return publish(CasePage(**values), municipality, themes, members_only)

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
        page.related_cases.set(cases)
        return publish(page, municipality, themes, members_only)

    return make


# Editorial roles (cases.editors) -------------------------------------------------


@pytest.fixture
def setup_editors(utrecht, amersfoort):
    """The editorial setup for Utrecht and Amersfoort only, which is all the role tests need.

    The whole CBS list takes seconds (a published index page per municipality);
    tests/cases/test_editors.py covers that once.
    """
    from cases.editors import setup_editors as run_setup

    return run_setup([utrecht, amersfoort])


def _user_in(username: str, *group_names: str):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, f"{username}@voorbeeld.nl", "geheim-wachtwoord")
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


def person(username: str, municipality: Municipality | None, roles=()):
    """A user acting for ``municipality`` in ``roles`` (besides member); None: no membership."""
    from municipalities.membership import set_membership

    user = _user_in(username)
    if municipality is not None:
        set_membership(user, municipality, set(roles))
    return user


@pytest.fixture
def member(db):
    """A logged-in professional: an account, no group, no admin."""
    return _user_in("lid")


@pytest.fixture
def editor_a(setup_editors):
    """An editor of Utrecht (municipality A)."""
    return _user_in("redacteur-utrecht", "Redactie Gemeente Utrecht")


@pytest.fixture
def editor_b(setup_editors):
    """An editor of Amersfoort (municipality B)."""
    return _user_in("redacteur-amersfoort", "Redactie Gemeente Amersfoort")


@pytest.fixture
def broker_a(setup_editors, utrecht):
    """Utrecht's knowledge broker (kennismakelaar): a member who receives its questions."""
    from municipalities.membership import Role, set_membership

    user = _user_in("makelaar-utrecht")
    set_membership(user, utrecht, {Role.KNOWLEDGE_BROKER})
    return user


@pytest.fixture
def moderator(setup_editors):
    """A member of the Kennisredactie, who reviews and publishes."""
    return _user_in("kennisredacteur", "Kennisredactie")


@pytest.fixture
def case_form_data(db):
    """POST data for the admin form of a casusblad; keyword arguments override fields."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    def data(**overrides) -> dict:
        # Multiple-choice fields are posted as repeated keys; nested_form_data would
        # number them ("themes-0"), so they are added after it.
        choices = {
            "themes": [term(Vocabulary.THEME, "jeugdhulp").pk],
            "partner_municipalities": [],
            "decentralisations": [],
            "risks": [],
            "opportunities": [],
        }
        choices.update({name: overrides.pop(name) for name in list(choices) if name in overrides})
        values = {
            "title": "Schuldhulp aan de keukentafel",
            "slug": "schuldhulp-aan-de-keukentafel",
            "summary": "Het wijkteam bespreekt schulden thuis, samen met de corporatie.",
            "period_start": "2021-03-01",
            "period_end": "",
            "status": CaseStatus.RUNNING,
            "context": rich_text("<p>Inwoners kwamen pas laat in beeld.</p>"),
            "approach": rich_text("<p>Huisbezoek binnen twee weken na een signaal.</p>"),
            "results": rich_text(""),
            "conditions": rich_text(""),
            "working_elements": rich_text(""),
            "lessons_learned": rich_text(""),
            "attachments": inline_formset([]),
            "contact_name": "",
            "contact_role": "",
            "contact_email": "",
            "profile": "",
            "seo_title": "",
            "search_description": "",
            "external_id": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
            **overrides,
        }
        return {**nested_form_data(values), **choices}

    return data


@pytest.fixture
def full_case(utrecht, amersfoort, make_case, settings, tmp_path):
    """A casusblad with every part filled in, an attachment and a lesson."""
    settings.MEDIA_ROOT = tmp_path
    case = make_case(
        utrecht,
        themes=["inkomen-en-schulden", "sociale-wijkteams"],
        results="<p>Twee keer zoveel inwoners vroeg in beeld.</p>",
        lessons_learned="<ul><li>Begin klein.</li><li>Maak afspraken concreet.</li></ul>",
        profile=term(Vocabulary.PROFILE, "vroege-vernieuwer"),
    )
    case.partner_municipalities.set([amersfoort])
    case.decentralisations.set([term(Vocabulary.DECENTRALISATION, "participatiewet")])
    case.risks.set([term(Vocabulary.RISK, "onbegrip")])
    case.opportunities.set([term(Vocabulary.OPPORTUNITY, "beter-contact")])
    case.save_revision().publish()
    document = Document(title="Evaluatierapport 2018")
    document.file.save("evaluatie.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 4096), save=True)
    CaseAttachment.objects.create(
        page=case, document=document, description="Eindevaluatie door de hogeschool"
    )
    return case


@pytest.fixture
def dutch_admin(client):
    """The test client with Dutch active; call it with a user to log that user in."""
    from django.utils import translation

    def log_in(user):
        client.force_login(user)
        return client

    with translation.override("nl"):
        yield log_in
