"""A question's life in Chromium: ask → routed → broker accepts → answers → asker accepts and rates.

Every page on the way is checked with axe-core (no violations at all) and
photographed at 1280 and 390 px into SCREENSHOTS. The real router decides who is
asked, over pages indexed in the real Elasticsearch node through the outbox (the
test's commits are real, so the drain task runs as in production): Utrecht, which
published on the subject, is invited with a reason that names its casusblad;
Amersfoort, the asker's own municipality, never is.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from municipalities.membership import Role, set_membership
from questions.models import Answer, InvitationState, Question, QuestionState
from search.documents import alias
from tests.browser.test_accessibility import readable
from tests.browser.test_partner_chooser import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENSHOTS = Path(os.environ.get("KENNISBANK_SCREENSHOTS", "/work/helpers/screenshots"))
WIDTHS = (1280, 390)


def check(page: Page, name: str) -> None:
    """axe finds nothing, and the page is photographed at both widths."""
    violations = Axe().run(page).response["violations"]
    assert not violations, f"axe on {name}:\n{readable(violations)}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"questions-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def person(username: str, municipality, roles=()) -> User:
    user = User.objects.create_user(username, f"{username}@voorbeeld.nl", "geheim-wachtwoord")
    user.first_name, user.last_name = username.split("-")[0].title(), "de Vries"
    user.save()
    set_membership(user, municipality, set(roles))
    return user


PAGE = "Vroegsignalering van schulden met woningcorporaties"
ROUTED = "Utrecht: 1 casusblad"  # the router's sentence, naming the page after it


@pytest.mark.elasticsearch
def test_ask_route_accept_answer_accept_and_rate(
    setup_editors, amersfoort, utrecht, make_case, fresh_index, live_server, browser
):
    make_case(utrecht, title=PAGE, themes=["inkomen-en-schulden"])
    make_case(amersfoort, title="Schulden eerder signaleren in Amersfoort")
    fresh_index.indices.refresh(index=alias())  # what the drain wrote, searchable now
    asker = person("vrager-amersfoort", amersfoort)
    broker = person("makelaar-utrecht", utrecht, {Role.KNOWLEDGE_BROKER})
    errors: list[str] = []

    def context_for(user) -> Page:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda error: errors.append(str(error)))
        log_in(page, live_server, user)
        return page

    # The asker: the form prefilled from the search page's link, the live panel.
    page = context_for(asker)
    page.goto(live_server.url + "/vragen/nieuw/?titel=Schulden%20vroeg%20signaleren")
    expect(page.get_by_label("Titel")).to_have_value("Schulden vroeg signaleren")
    panel = page.locator("[data-kb-panel-body]")
    expect(panel).to_contain_text(ROUTED)  # the receivers, for the prefilled title
    confirm = page.get_by_label("Ik heb gecontroleerd dat dit geen persoonsgegevens zijn")
    expect(confirm).to_be_hidden()
    page.get_by_label("Uw vraag").fill(
        "Wij willen met corporaties betalingsachterstanden eerder zien. Bel gerust: 06-12345678."
    )
    expect(panel).to_contain_text("Dit lijkt een telefoonnummer")
    expect(confirm).to_be_visible()
    page.get_by_label("Inkomen en schulden").check()
    check(page, "ask")
    confirm.check()
    page.get_by_role("button", name="Vraag plaatsen").click()
    page.wait_for_url("**/vragen/*/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Schulden vroeg signaleren")
    expect(page.locator(".kb-receivers")).to_contain_text(ROUTED)
    expect(page.locator(".kb-receivers")).to_contain_text(f"'{PAGE}'")
    question = Question.objects.get()
    assert [i.municipality for i in question.invitations.all()] == [utrecht]
    check(page, "question-asked")
    page.goto(live_server.url + "/vragen/mijn/")
    expect(page.locator("main")).to_contain_text("Schulden vroeg signaleren")
    check(page, "mine")

    # The broker: the inbox, accept, answer.
    broker_page = context_for(broker)
    broker_page.goto(live_server.url + "/vragen/uitnodigingen/")
    expect(broker_page.locator("main")).to_contain_text("Schulden vroeg signaleren")
    check(broker_page, "inbox")
    broker_page.get_by_role("button", name="Accepteren").click()
    broker_page.wait_for_url(f"**/vragen/{question.pk}/")
    assert question.invitations.get().state == InvitationState.ACCEPTED
    broker_page.get_by_label("Uw antwoord").fill(
        "Wij hebben een convenant met drie corporaties: zij melden twee maanden achterstand."
    )
    broker_page.get_by_label(PAGE).check()
    check(broker_page, "answer-form")
    broker_page.get_by_role("button", name="Antwoord plaatsen").click()
    expect(broker_page.locator(".kb-answer")).to_contain_text("convenant met drie corporaties")
    assert question.invitations.get().state == InvitationState.ANSWERED

    # The asker: accept and rate.
    page.goto(live_server.url + f"/vragen/{question.pk}/")
    expect(page.locator(".kb-answer")).to_contain_text(PAGE)
    page.get_by_role("button", name="Dit antwoord accepteren").click()
    expect(page.locator(".kb-answer")).to_contain_text("geaccepteerd antwoord")
    page.get_by_label("nuttig", exact=True).check()
    page.get_by_label("Opmerking voor wie antwoordde").fill("Precies wat we zochten.")
    page.get_by_role("button", name="Beoordeling bewaren").click()
    expect(page.locator(".kb-answer__rating")).to_contain_text("Precies wat we zochten.")
    check(page, "question-resolved")

    question.refresh_from_db()
    answer = Answer.objects.get()
    assert question.state == QuestionState.RESOLVED
    assert (answer.accepted, answer.rating) == (True, "helpful")
    assert errors == []
