"""The pages work under the Content-Security-Policy: Chromium reports no violation.

The browser records every ``securitypolicyviolation`` event from the first script
that runs (an init script, which CSP does not govern) and every console error; a
page that the policy breaks shows up in one of the two. The admin part logs in as a
moderator through the real login, enrols two-step verification in the browser and
opens the editor of a casusblad, the heaviest admin page (Draftail, choosers,
StreamField panels).
"""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample || ''}`
  );
});
"""


# Chromium asks every site for /favicon.ico on its own; the platform has none.
IGNORED_PATHS = {"/favicon.ico"}


def record_console_error(errors: list[str], message) -> None:
    # A failed load is reported by the response listener, with its address.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        errors.append(message.text)


def record_failed_response(errors: list[str], response) -> None:
    path = "/" + response.url.split("/", 3)[-1]
    if (
        response.status >= 400
        and path not in IGNORED_PATHS
        and response.request.resource_type != "document"
    ):
        errors.append(f"{response.status} for {response.url}")


@pytest.fixture
def watched(page: Page) -> tuple[Page, list[str]]:
    """The page, with a list that collects console errors and failed loads."""
    errors: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: record_console_error(errors, message))
    page.on("response", lambda response: record_failed_response(errors, response))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def problems(page: Page, errors: list[str]) -> list[str]:
    return page.evaluate("window.__cspViolations") + errors


@pytest.fixture
def public_pages(content) -> dict[str, str]:
    """The pages of the accessibility tests, and the login and error pages."""
    return {
        **content,
        "login": "/_util/login/",
        "django admin login": "/django-admin/login/",
        "page not found": "/bestaat-niet/",
    }


def test_public_pages_run_without_csp_violations(public_pages, live_server, watched):
    page, errors = watched
    found = {}
    for name, path in public_pages.items():
        errors.clear()
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        found[name] = problems(page, errors)
    assert found == {name: [] for name in public_pages}


def test_admin_login_enrolment_and_editor_run_without_csp_violations(
    full_case, moderator, live_server, watched, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    page, errors = watched
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", moderator.username)
    page.fill("#id_password", "geheim-wachtwoord")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/2fa/setup/.*"))
    assert page.locator("img[alt='QR-code voor de authenticator-app']").evaluate(
        "image => image.complete && image.naturalWidth > 0"
    )
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    page.fill("#id_otp_token", f"{totp(device.bin_key):06d}")
    page.click("text=Bevestigen en aanzetten")
    page.wait_for_url(live_server.url + "/admin/")
    assert problems(page, errors) == [], "login or enrolment"

    page.goto(live_server.url + f"/admin/pages/{full_case.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The editor's scripts ran: Draftail mounted its editors, the tabs work.
    editor = page.locator(".DraftEditor-root:visible").first
    editor.wait_for()
    editor.click()
    page.keyboard.type(" Meer tekst.")
    page.wait_for_timeout(500)
    assert problems(page, errors) == [], "the editor"

    # The public page with Wagtail's user bar, as an editor sees it.
    page.goto(live_server.url + full_case.url)
    page.wait_for_load_state("networkidle")
    page.locator("wagtail-userbar").wait_for(state="attached")
    assert problems(page, errors) == [], "the user bar"
