"""The bell, the notification list, preferences and unsubscribe in Chromium, with axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page

from notifications.dispatch import notify
from notifications.unsubscribe_links import path_for
from tests.browser.test_accessibility import BLOCKING_IMPACTS, readable
from tests.browser.test_partner_chooser import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def anna(db) -> User:
    user = User.objects.create_user("anna", "anna@utrecht.example.nl", "x", first_name="Anna")
    for number in range(3):
        notify(
            user,
            kind="answer.created",
            subject=f"Pekela heeft geantwoord ({number + 1})",
            text="Lees het antwoord op uw vraag.",
            url="/gemeenten/",
        )
    return user


def assert_no_blocking_violations(page: Page, name: str) -> None:
    violations = Axe().run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found on the {name}:\n{readable(blocking)}"


def test_the_bell_leads_to_the_list_which_marks_read(anna, live_server, page: Page):
    log_in(page, live_server, anna)
    page.goto(live_server.url + reverse("municipality_directory"))
    bell = page.get_by_role("link", name="Meldingen, 3 ongelezen")
    assert bell.is_visible()
    bell.click()
    page.wait_for_url(f"**{reverse('notifications:list')}")
    assert page.get_by_role("heading", level=1).inner_text() == "Meldingen"
    assert_no_blocking_violations(page, "notification list")

    page.get_by_role("link", name="Pekela heeft geantwoord (3)").click()
    page.wait_for_url("**/gemeenten/")
    assert page.get_by_role("link", name="Meldingen, 2 ongelezen").is_visible()

    page.goto(live_server.url + reverse("notifications:list"))
    page.get_by_role("button", name="Alles als gelezen markeren").click()
    assert page.get_by_role("link", name="Meldingen, geen ongelezen").is_visible()


def test_preferences_and_unsubscribe_pages_pass_axe(anna, live_server, page: Page):
    log_in(page, live_server, anna)
    page.goto(live_server.url + reverse("notifications:preferences"))
    page.get_by_label("één keer per dag, in één e-mail").check()
    page.get_by_role("button", name="Voorkeuren opslaan").click()
    message = page.get_by_role("main").get_by_role("status")  # not the search box's live region
    assert message.inner_text() == "Uw voorkeuren zijn opgeslagen."
    assert_no_blocking_violations(page, "preferences page")

    page.context.clear_cookies()
    page.goto(live_server.url + path_for(anna, "answer.created"))
    assert_no_blocking_violations(page, "unsubscribe confirmation")
    page.get_by_role("button", name="Afmelden").click()
    assert "U ontvangt geen e-mail meer" in message.inner_text()
    assert_no_blocking_violations(page, "unsubscribed page")
