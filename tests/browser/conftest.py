"""A real browser (Debian's Chromium, driven by Playwright) against the live server.

Playwright's sync API runs an event loop in the test's thread, which makes Django's
async-unsafe guard refuse ORM calls made there; DJANGO_ALLOW_ASYNC_UNSAFE lifts that
for the tests in this package only. A missing browser fails the tests, it never
skips them: install Debian's `chromium` package (.ci/run does).
"""

import datetime
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Error, Page, sync_playwright

from cases.indexes import case_index_for
from cases.listings import PER_PAGE
from cases.models import CaseStatus, TopicIndexPage, Vocabulary
from tests.page_fixtures import term

CHROMIUM = Path(os.environ.get("KENNISBANK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="package", autouse=True)
def allow_orm_beside_playwright() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def browser() -> Iterator[Browser]:
    """A fresh Chromium for each test.

    Not shared between tests on purpose: while Playwright runs, Django hands out
    other database connection objects, and the transactional test's teardown (flush)
    and the next test's set-up (serialized rollback) must use the test database's own
    connection. Request it after the fixtures that create data.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's "
            "`chromium` package (apt-get install chromium; .ci/run installs it), or "
            "KENNISBANK_CHROMIUM pointing at a Chromium binary.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Error as error:
            pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}", pytrace=False)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def content(full_case, amersfoort, utrecht, make_case, make_lesson) -> dict[str, str]:
    """A filled-in casusblad, a running one and a lesson: the addresses to check."""
    case = full_case
    running = make_case(
        amersfoort,
        title="Eén wijkteam voor jeugd en Wmo",
        status=CaseStatus.RUNNING,
        period_end=None,
        period_start=datetime.date(2019, 3, 1),
    )
    lesson = make_lesson(utrecht, cases=[case], themes=["inkomen-en-schulden"])
    # Enough casusbladen under Amersfoort for its index to show the pagination bar.
    for number in range(PER_PAGE):
        make_case(amersfoort, title=f"Casus {number + 1} over keukentafelgesprekken")
    topics = TopicIndexPage.objects.live().get()
    return {
        "home page": "/",
        "casusblad": case.url,
        "running casusblad": running.url,
        "les": lesson.url,
        "theme listing": topics.term_url(term(Vocabulary.THEME, "inkomen-en-schulden")),
        "topic overview": topics.url,
        "municipality directory": reverse("municipality_directory"),
        "paginated municipality index": case_index_for(amersfoort).url,
        "page that does not exist": "/bestaat-niet/",
        "member login": reverse("wagtailcore_login"),
    }
