"""The search page in Chromium: axe on every state, the combobox by keyboard, no JavaScript.

Screenshots of each state at 1280 and 390 px go to SCREENSHOTS (for a person to look
at; nothing is compared against them).
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from cases.models import CasePage
from search import service
from search.relevance import ensure_demo_content, index_now
from tests.browser.test_accessibility import readable

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.elasticsearch,
]

SCREENSHOTS = Path(os.environ.get("KENNISBANK_SCREENSHOTS", "/work/helpers/screenshots"))
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(autouse=True)
def patient_budget(monkeypatch):
    monkeypatch.setattr(service, "SEARCH_TIMEOUT", 30.0)


@pytest.fixture
def indexed_demo(es_client):
    ensure_demo_content()
    index_now()


def no_violations(page: Page, state: str) -> None:
    # The design system's CSS must be there, or colour contrast is not really tested.
    assert page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--utrecht-link-color')"
    ).strip()
    violations = Axe().run(page).response["violations"]
    print(f"\naxe on the search page, {state}:\n{readable(violations) or '- none'}")
    assert not violations, f"axe found on the search page ({state}):\n{readable(violations)}"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-{name}.png"), full_page=True)


def open_suggestions(page: Page, box: str, text: str) -> None:
    field = page.locator(box)
    field.click()
    field.press_sequentially(text, delay=40)
    expect(field).to_have_attribute("aria-expanded", "true")
    field.press("ArrowDown")


STATES = {
    "results": "/zoeken/?q=mantelzorgers+platteland",
    "facets": "/zoeken/?q=jeugd&type=les&thema=jeugdhulp",
    "no-results": "/zoeken/?q=onvindbaarwoord&thema=jeugdhulp",
}


@pytest.mark.parametrize("device", WIDTHS)
def test_every_state_has_no_axe_violations(indexed_demo, live_server, browser: Browser, device):
    context = browser.new_context(viewport={"width": WIDTHS[device], "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    for state, address in STATES.items():
        response = page.goto(live_server.url + address)
        assert response is not None and response.status == 200
        no_violations(page, f"{state}, {device}")
        screenshot(page, f"{state}-{device}")
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[device]

    page.goto(live_server.url + "/zoeken/")
    open_suggestions(page, "#kb-search-q", "jeug")
    no_violations(page, f"suggestions open, {device}")
    page.screenshot(path=str(SCREENSHOTS / f"search-suggestions-{device}.png"))

    page.goto(live_server.url + "/")
    screenshot(page, f"home-{device}")
    case = CasePage.objects.get(external_id="demo-cb-026")
    page.goto(live_server.url + case.url)
    expect(page.locator("#vergelijkbare-casusbladen")).to_be_visible()
    no_violations(page, f"casusblad with related casusbladen, {device}")
    page.locator("#vergelijkbare-casusbladen").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"search-related-{device}.png"))
    context.close()


def test_the_combobox_by_keyboard(indexed_demo, live_server, page: Page):
    page.goto(live_server.url + "/")
    box = page.locator("#kb-header-search")
    open_suggestions(page, "#kb-header-search", "jeug")
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox"
    options = listbox.locator("[role=option]")
    count = options.count()
    assert count >= 2
    status = page.locator(".kb-search-box--header [role=status]")
    expect(status).to_have_text(
        f"{count} suggesties beschikbaar. Kies met de pijltjestoetsen omhoog en omlaag."
    )
    # ArrowDown reached the first option: it is the active descendant, and selected.
    first = options.nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    assert box.evaluate("input => input === document.activeElement")
    box.press("ArrowUp")  # from the first to the last: the list wraps
    assert box.get_attribute("aria-activedescendant") == options.nth(count - 1).get_attribute("id")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "jeug"
    box.press("ArrowDown")  # opens again, on the first option: a term
    assert first.inner_text() == "Jeugdhulp"
    box.press("Enter")
    page.wait_for_url("**/zoeken/?q=Jeugdhulp")
    assert page.locator("#kb-search-q").input_value() == "Jeugdhulp"

    # A page suggestion leads to the page itself.
    open_suggestions(page, "#kb-search-q", " bespreek")
    page_option = page.locator("#kb-search-q-suggesties [role=option]").filter(
        has_text="Jeugdhulp bespreekbaar maken"
    )
    page_option.click()
    page.wait_for_url("**/staphorst/jeugdhulp-bespreekbaar-maken-in-een-hechte-gemeenschap/")


def test_a_script_in_a_suggested_title_is_text(utrecht, make_case, es_client, live_server, page):
    make_case(utrecht, title='<img src=x onerror="window.hacked=1"> mantelzorg in de wijk')
    index_now()
    page.goto(live_server.url + "/")
    open_suggestions(page, "#kb-home-search", "mantelz")
    option = page.locator("#kb-home-search-suggesties [role=option]").first
    assert option.inner_text().startswith('<img src=x onerror="window.hacked=1">')
    assert page.locator("#kb-home-search-suggesties img").count() == 0
    assert page.evaluate("window.hacked") is None
    page.goto(live_server.url + "/zoeken/?q=mantelzorg")
    assert page.locator(".kb-hit img").count() == 0
    assert page.evaluate("window.hacked") is None


def test_facets_work_without_javascript(indexed_demo, live_server, browser: Browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + "/zoeken/?q=jeugd")
    assert page.locator("#kb-search-q").get_attribute("role") is None  # not enhanced
    page.locator("details.kb-facet", has_text="Thema").locator(
        "label", has_text="Jeugdhulp"
    ).click()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url("**/zoeken/?q=jeugd&thema=jeugdhulp")
    expect(page.locator(".kb-chip")).to_have_count(1)
    page.locator(".kb-chip").click()
    page.wait_for_url("**/zoeken/?q=jeugd")
    link = page.locator(".kb-sort").get_by_role("link", name="Nieuwste eerst")
    assert link.get_attribute("href") == "?q=jeugd&sortering=nieuwste"
    page.goto(live_server.url + "/zoeken/" + link.get_attribute("href"))
    page.wait_for_url(live_server.url + "/zoeken/?q=jeugd&sortering=nieuwste")
    assert page.locator('.kb-sort a[aria-current="true"]').inner_text().endswith("Nieuwste eerst")
    context.close()
