"""axe-core in Chromium on the public pages: no serious or critical violations.

Each test builds its content, serves it with pytest-django's live server (a real
HTTP server in a thread, so the data must be committed: transactional tests), and
runs axe-core, bundled by axe-playwright-python, on the rendered page with its CSS.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

BLOCKING_IMPACTS = {"serious", "critical"}

# serialized_rollback: the flush after a transactional test also empties what the
# migrations created (home page, topic index, taxonomy); this brings it back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


NOT_FOUND = {"page that does not exist"}


def readable(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    "name",
    [
        "home page",
        "casusblad",
        "running casusblad",
        "les",
        "theme listing",
        "topic overview",
        "municipality directory",
        "paginated municipality index",
        "page that does not exist",
        "member login",
    ],
)
def test_page_has_no_serious_or_critical_axe_violations(name, content, live_server, page: Page):
    response = page.goto(live_server.url + content[name])
    assert response is not None
    assert response.status == (404 if name in NOT_FOUND else 200)
    if name == "paginated municipality index":
        assert page.locator("nav.utrecht-pagination").count() == 1
    # The design system's CSS must be there, or colour contrast is not really tested.
    assert page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--utrecht-link-color')"
    ).strip()

    violations = Axe().run(page).response["violations"]

    print(f"\naxe on the {name} ({content[name]}):\n{readable(violations) or '- none'}")
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found on the {name}:\n{readable(blocking)}"


def test_skip_link_is_the_first_stop_and_leads_to_the_main_content(
    content, live_server, page: Page
):
    page.goto(live_server.url + content["casusblad"])
    page.keyboard.press("Tab")
    skip_link = page.locator("a.utrecht-skip-link")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.is_visible()
    assert skip_link.get_attribute("href") == "#inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"
    page.keyboard.press("Tab")
    # The next stop is inside the main landmark, not back in the header.
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_language_switch_shows_the_page_in_english(content, live_server, page: Page):
    page.goto(live_server.url + content["casusblad"])
    assert page.locator("html").get_attribute("lang") == "nl"
    page.locator("#kb-language").select_option("en")
    page.locator("form.kb-language button").click()
    page.wait_for_url("**/en/**")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Vroegsignalering van schulden"

    page.locator("#kb-language").select_option("nl")
    page.locator("form.kb-language button").click()
    page.wait_for_url(live_server.url + content["casusblad"])
    assert page.locator("html").get_attribute("lang") == "nl"
