"""The dashboard in Chromium with axe: the members' page and the Kennisredactie's admin page.

Both with the hand-computed month of tests.insights.exchange_fixtures, at desktop
width and at 390 px (a phone); the screenshots go to $KENNISBANK_SCREENSHOTS
(default /tmp/kennisbank-insights) for a person to look at.
"""

import os
import tempfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from insights.admin_views import URL_NAME as ADMIN_URL_NAME
from tests.browser.test_accessibility import readable
from tests.browser.test_partner_chooser import log_in
from tests.insights.exchange_fixtures import NOVEMBER

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENSHOTS = Path(
    os.environ.get("KENNISBANK_SCREENSHOTS", tempfile.gettempdir() + "/kennisbank-insights")
)
PERIOD = f"?van={NOVEMBER.start:%Y-%m-%d}&tot={NOVEMBER.end:%Y-%m-%d}"
WIDTHS = {"desktop": 1280, "phone": 390}


def check_page(page: Page, url: str, name: str) -> None:
    """No axe violation of any impact at either width; a full-page screenshot of each."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(url)
        assert response is not None and response.status == 200
        page.locator("details.kb-insights__details").evaluate_all(
            "all => all.forEach(details => { details.open = true; })"
        )
        violations = Axe().run(page).response["violations"]
        assert violations == [], f"axe found on the {name} at {width} px:\n{readable(violations)}"
        # The admin scrolls an inner element, which full_page misses: grow the window.
        height = page.evaluate("document.querySelector('.kb-insights').scrollHeight")
        page.set_viewport_size({"width": width, "height": max(900, height + 400)})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)


def test_members_page_and_admin_page_pass_axe(dashboard_people, exchange, live_server, browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)

    log_in(page, live_server, dashboard_people["member (Amersfoort)"])
    with translation.override("nl"):
        site = reverse("insights:page")
    check_page(page, live_server.url + site + PERIOD, "inzicht-lid")
    assert page.get_by_role("heading", level=1).inner_text() == "Inzicht in de uitwisseling"
    assert page.get_by_role("img", name="Tijd tot het eerste antwoord").is_visible()
    assert page.get_by_role("table", name="Uitnodigingen aan uw gemeente").is_visible()

    page.context.clear_cookies()
    log_in(page, live_server, dashboard_people["moderator"])
    check_page(page, live_server.url + reverse(ADMIN_URL_NAME) + PERIOD, "inzicht-admin")
    assert page.get_by_role("table", name="Uitnodigingen per gemeente").is_visible()
    context.close()
