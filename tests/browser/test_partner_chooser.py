"""The partner-municipality chooser in Chromium: search, choose several, remove, save."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from cases.models import CasePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page: Page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_an_editor_chooses_partners_in_the_modal_and_saves(
    utrecht, amersfoort, editor_a, make_case, live_server, page: Page
):
    case = make_case(utrecht)
    case.partner_municipalities.set([amersfoort])
    case.save_revision().publish()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, editor_a)

    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[case.pk]))
    chooser = page.locator('[data-controller="kb-multiple-chooser"]')
    expect(chooser.locator(".kb-multiple-chooser__item")).to_have_count(1)
    chooser.get_by_role("button", name="Gemeenten kiezen").click()

    modal = page.locator(".modal-content")
    modal.get_by_role("textbox").fill("zwol")
    expect(modal.get_by_text("Zwolle", exact=True)).to_be_visible()
    expect(modal.get_by_text("Amersfoort", exact=True)).to_have_count(0)
    modal.locator("input[data-multiple-choice-select]").first.check()
    modal.get_by_role("button", name="Selectie bevestigen").click()

    items = chooser.locator(".kb-multiple-chooser__item")
    expect(items).to_have_count(2)
    expect(items.nth(1)).to_contain_text("Zwolle")
    items.nth(0).get_by_role("button", name="Verwijderen Amersfoort").click()
    expect(items).to_have_count(1)

    page.get_by_role("button", name="Bewaar concept").click()
    page.wait_for_url("**/edit/")
    expect(page.get_by_text("is gewijzigd")).to_be_visible()
    draft = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    assert [m.name for m in draft.partner_municipalities.all()] == ["Zwolle"]
    assert errors == []
