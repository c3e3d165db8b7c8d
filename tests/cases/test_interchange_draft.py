"""import_kennisbank --as-draft: new and changed records wait for the Kennisredactie."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from wagtail.models import Page, Revision, TaskState, WorkflowState

from cases.editors import WORKFLOW_NAME
from cases.models import CasePage, LessonPage
from cases.visibility import is_members_only
from tests.cases.test_interchange_support import (
    CASUSBLAD,
    LES,
    casusblad,
    run_import,
    write_jsonl,
)

pytestmark = pytest.mark.django_db


def review_state(page) -> WorkflowState:
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    return state


def approve(page, moderator) -> None:
    task_state = page.current_workflow_task_state
    assert task_state in TaskState.objects.reviewable_by(moderator)
    task_state.task.specific.on_action(task_state, moderator, "approve")


def test_new_records_stay_unpublished_until_approved(setup_editors, moderator, tmp_path, client):
    run = run_import(write_jsonl(tmp_path / "in.jsonl", [CASUSBLAD, LES]), "--as-draft")

    assert run.error is None
    assert "as drafts submitted for review (nothing published): 2 created" in run.stdout
    case = CasePage.objects.get(external_id=CASUSBLAD["external_id"])
    lesson = LessonPage.objects.get(external_id=LES["external_id"])
    for page in (case, lesson):
        assert not page.live and page.live_revision is None
        assert review_state(page).current_task_state.revision == page.latest_revision
    assert client.get(case.url).status_code == 404

    approve(case, moderator)

    case.refresh_from_db()
    assert case.live and not case.has_unpublished_changes
    assert case.title == CASUSBLAD["title"]
    assert case.first_published_at == datetime.datetime(
        2015, 3, 26, tzinfo=ZoneInfo("Europe/Amsterdam")
    )
    assert case.current_workflow_state is None


def test_a_changed_record_keeps_the_live_version_until_approved(
    setup_editors, moderator, tmp_path, client
):
    run_import(write_jsonl(tmp_path / "first.jsonl", [CASUSBLAD]))
    case = CasePage.objects.get(external_id=CASUSBLAD["external_id"])
    live_revision = case.live_revision_id
    changed = write_jsonl(
        tmp_path / "second.jsonl",
        [casusblad(title="Veilig op huisbezoek, herzien", themes=["zorg-en-veiligheid"])],
    )

    run = run_import(changed, "--as-draft")

    assert run.error is None and "1 updated" in run.stdout
    case = CasePage.objects.get(pk=case.pk)
    assert case.live and case.live_revision_id == live_revision
    assert case.title == CASUSBLAD["title"]
    assert set(case.themes.values_list("slug", flat=True)) == set(CASUSBLAD["themes"])
    assert case.has_unpublished_changes
    draft = case.get_latest_revision_as_object()
    assert draft.title == "Veilig op huisbezoek, herzien"
    assert review_state(case).current_task_state.revision == case.latest_revision
    client.force_login(moderator)  # members-only: a member sees the live version
    assert CASUSBLAD["title"] in client.get(case.url).content.decode()
    assert "herzien" not in client.get(case.url).content.decode()

    # The same file again: what waits for review is already this, so nothing new.
    revisions = Revision.page_revisions.filter(object_id=str(case.pk)).count()
    again = run_import(changed, "--as-draft")
    assert "0 updated, 1 unchanged" in again.stdout
    assert Revision.page_revisions.filter(object_id=str(case.pk)).count() == revisions

    approve(case, moderator)
    case = CasePage.objects.get(pk=case.pk)
    assert case.title == "Veilig op huisbezoek, herzien"
    assert set(case.themes.values_list("slug", flat=True)) == {"zorg-en-veiligheid"}


def test_a_newer_draft_restarts_the_review(setup_editors, moderator, tmp_path):
    run_import(write_jsonl(tmp_path / "a.jsonl", [CASUSBLAD]), "--as-draft")
    case = CasePage.objects.get()
    first_state = review_state(case)

    run_import(write_jsonl(tmp_path / "b.jsonl", [casusblad(title="Tweede versie")]), "--as-draft")

    case = CasePage.objects.get()
    first_state.refresh_from_db()
    assert first_state.status == WorkflowState.STATUS_CANCELLED
    state = review_state(case)
    assert state.pk != first_state.pk
    assert state.current_task_state.revision.as_object().title == "Tweede versie"


def test_moderators_hear_of_a_draft_but_not_of_a_dry_run(setup_editors, moderator, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [CASUSBLAD])
    before = (Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count())

    dry = run_import(path, "--as-draft", "--dry-run")

    assert dry.error is None and "would be: as drafts" in dry.stdout and "1 created" in dry.stdout
    assert (Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count()) == (
        before
    )
    assert mail.outbox == []

    run_import(path, "--as-draft")

    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert CASUSBLAD["title"] in mail.outbox[0].subject + mail.outbox[0].body


def test_a_reviewed_import_makes_pages_members_only_but_never_public(setup_editors, tmp_path):
    """The view restriction is outside the revision: loosening it waits for a moderator."""
    run_import(write_jsonl(tmp_path / "first.jsonl", [casusblad(visibility="members")]))
    case = CasePage.objects.get(external_id=CASUSBLAD["external_id"])
    assert is_members_only(case)

    run = run_import(
        write_jsonl(tmp_path / "open.jsonl", [casusblad(visibility="public", title="Open")]),
        "--as-draft",
    )

    assert run.error is None
    assert is_members_only(case), "a draft import opened a members-only page to everyone"

    run_import(
        write_jsonl(tmp_path / "public.jsonl", [casusblad(visibility="public", title="Openbaar")])
    )
    assert not is_members_only(case)
    run_import(
        write_jsonl(tmp_path / "close.jsonl", [casusblad(visibility="members", title="Dicht")]),
        "--as-draft",
    )
    assert is_members_only(case), "tightening applies at once, even before review"
