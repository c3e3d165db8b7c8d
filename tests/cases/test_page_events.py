"""A moderator deleting a live page or making a members-only page public: logged, told."""

import logging

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from cases.models import CasePage
from cases.page_events import editors_of
from cases.visibility import is_members_only
from tests.mail_fixtures import body_of, subject_of

# The mail is enqueued on commit, and the test settings' immediate backend sends it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def audit_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "kennisbank.audit"]


def test_editors_of_a_municipality_are_its_editorial_group(editor_a, editor_b, utrecht):
    assert list(editors_of(utrecht)) == [editor_a]


def test_deleting_a_live_page_is_logged_and_mailed_to_the_editors(
    client, moderator, editor_a, editor_b, utrecht, make_case, smtp_server, caplog, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://kennisbank.example.nl"
    case = make_case(utrecht, title="Schuldhulp in de wijk")
    client.force_login(moderator)

    with caplog.at_level(logging.INFO):
        response = client.post(reverse("wagtailadmin_pages:delete", args=[case.pk]))

    assert response.status_code == 302
    assert not CasePage.objects.filter(pk=case.pk).exists()
    assert PageLogEntry.objects.filter(page_id=case.pk, action="wagtail.delete").exists()
    assert audit_lines(caplog) == [
        f"deleted: page id={case.pk} 'Schuldhulp in de wijk' of Utrecht by kennisredacteur; "
        "1 editor(s) notified"
    ]
    [message] = smtp_server.messages
    assert message["To"] == editor_a.email
    assert subject_of(message) == "Kennisbank: \u2018Schuldhulp in de wijk\u2019 is verwijderd"
    assert "heeft de gepubliceerde pagina" in body_of(message)


def test_deleting_a_draft_tells_nobody(client, moderator, editor_a, utrecht, make_case, caplog):
    case = make_case(utrecht)
    case.unpublish()
    client.force_login(moderator)
    with caplog.at_level(logging.INFO):
        client.post(reverse("wagtailadmin_pages:delete", args=[case.pk]))
    assert not CasePage.objects.filter(pk=case.pk).exists()
    assert audit_lines(caplog) == []


def test_making_a_members_only_page_public_is_logged_and_mailed(
    client, moderator, editor_a, utrecht, make_case, smtp_server, caplog, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://kennisbank.example.nl"
    case = make_case(utrecht, members_only=True, title="Huisbezoeken bij zorgen")
    client.force_login(moderator)

    with caplog.at_level(logging.INFO):
        response = client.post(
            reverse("wagtailadmin_pages:set_privacy", args=[case.pk]),
            {"restriction_type": "none"},
        )

    assert response.status_code == 200
    assert not is_members_only(case)
    assert audit_lines(caplog) == [
        f"made_public: page id={case.pk} 'Huisbezoeken bij zorgen' of Utrecht by "
        "kennisredacteur; 1 editor(s) notified"
    ]
    [message] = smtp_server.messages
    assert message["To"] == editor_a.email
    assert subject_of(message) == "Kennisbank: \u2018Huisbezoeken bij zorgen\u2019 is nu openbaar"
    body = body_of(message)
    assert f"https://kennisbank.example.nl/admin/pages/{case.pk}/edit/" in body
    assert "ook de contactpersonen" in body


def test_making_a_public_page_members_only_tells_nobody(
    client, moderator, editor_a, utrecht, make_case, smtp_server
):
    case = make_case(utrecht)
    client.force_login(moderator)
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[case.pk]), {"restriction_type": "login"}
    )
    assert is_members_only(case)
    assert smtp_server.messages == []
