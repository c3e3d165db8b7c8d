"""The editorial workflow: editors submit, the Kennisredactie approves or asks for changes.

Everything goes through the admin's own endpoints (the add and edit forms, the
workflow action URL), as an editor and a moderator would click through it.
Revisions, preview and scheduled publishing are Wagtail's defaults; these tests
pin that they still work with the groups and workflow of cases.editors.
"""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Revision, TaskState, WorkflowState
from wagtail.test.utils.form_data import rich_text

from cases.editors import TASK_NAME, WORKFLOW_NAME
from cases.indexes import case_index_for
from cases.models import CaseIndexPage, CasePage, LessonPage

pytestmark = pytest.mark.django_db


def add_case_url(index: CaseIndexPage) -> str:
    return reverse("wagtailadmin_pages:add", args=["cases", "casepage", index.pk])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action_url(page, action: str) -> str:
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


@pytest.fixture
def submitted(setup_editors, utrecht, editor_a, moderator, client, case_form_data) -> CasePage:
    """A casusblad an editor of Utrecht wrote and submitted for review in the admin.

    The moderator exists before the submission, so they are notified of it.
    """
    client.force_login(editor_a)
    response = client.post(
        add_case_url(case_index_for(utrecht)),
        {**case_form_data(), "action-submit": "Ter beoordeling aanbieden"},
    )
    assert response.status_code == 302
    client.logout()
    return CasePage.objects.get(slug="schuldhulp-aan-de-keukentafel")


def test_every_page_below_home_uses_the_review_workflow(
    setup_editors, utrecht, make_case, make_lesson
):
    case = make_case(utrecht)
    for page in (case_index_for(utrecht), case, make_lesson(utrecht, cases=[case])):
        workflow = page.get_workflow()
        assert workflow.name == WORKFLOW_NAME
        [task] = [task.specific for task in workflow.tasks]
        assert isinstance(task, GroupApprovalTask) and task.name == TASK_NAME
        assert [group.name for group in task.groups.all()] == ["Kennisredactie"]


def test_submitted_case_waits_for_the_kennisredactie(
    submitted, editor_a, editor_b, moderator, client
):
    assert not submitted.live and submitted.live_revision is None
    assert submitted.owner == editor_a and submitted.municipality.name == "Utrecht"
    state = submitted.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME and state.requested_by == editor_a
    assert submitted.current_workflow_task.name == TASK_NAME

    task_state = submitted.current_workflow_task_state
    assert task_state in TaskState.objects.reviewable_by(moderator)
    assert task_state not in TaskState.objects.reviewable_by(editor_a)
    assert task_state not in TaskState.objects.reviewable_by(editor_b)
    # The moderators are told, and see it on their dashboard.
    assert any(moderator.email in message.to for message in mail.outbox)
    client.force_login(moderator)
    assert submitted.title in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editor_cannot_change_or_approve_while_in_review(
    submitted, editor_a, client, case_form_data
):
    client.force_login(editor_a)
    revisions = submitted.revisions.count()

    client.post(workflow_action_url(submitted, "approve"), {"comment": ""})
    data = case_form_data(title="Stiekem aangepast", slug=submitted.slug)
    client.post(edit_url(submitted), data)
    client.post(edit_url(submitted), {**data, "action-publish": "Publiceren"})

    submitted.refresh_from_db()
    assert not submitted.live and submitted.title == "Schuldhulp aan de keukentafel"
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert submitted.revisions.count() == revisions  # locked for them while in review


def test_moderator_approves_and_the_case_goes_live(submitted, moderator, client):
    client.force_login(moderator)
    response = client.post(workflow_action_url(submitted, "approve"), {"comment": "Helder."})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live and submitted.live_revision == submitted.latest_revision
    state = WorkflowState.objects.get(content_type__model="casepage", object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    task_state = TaskState.objects.get(workflow_state=state)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == moderator and task_state.get_comment() == "Helder."


def test_changes_requested_then_resubmitted_then_approved(
    submitted, editor_a, moderator, client, case_form_data
):
    client.force_login(moderator)
    client.post(workflow_action_url(submitted, "reject"), {"comment": "Resultaten ontbreken."})

    submitted.refresh_from_db()
    state = submitted.workflow_states.get()
    assert not submitted.live
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.status == TaskState.STATUS_REJECTED
    assert state.current_task_state.get_comment() == "Resultaten ontbreken."

    # Back with the editor: the page is no longer locked for them.
    client.force_login(editor_a)
    assert client.get(edit_url(submitted)).status_code == 200
    data = case_form_data(
        title="Schuldhulp aan de keukentafel (herzien)",
        slug=submitted.slug,
        results=rich_text("<p>Twee keer zoveel huishoudens in beeld.</p>"),
    )
    client.post(edit_url(submitted), {**data, "action-submit": "Opnieuw aanbieden"})

    submitted.refresh_from_db()
    state.refresh_from_db()
    assert not submitted.live
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # the same workflow, resumed
    assert submitted.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    client.force_login(moderator)
    client.post(workflow_action_url(submitted, "approve"), {"comment": ""})

    submitted.refresh_from_db()
    assert submitted.live and submitted.title == "Schuldhulp aan de keukentafel (herzien)"
    assert "Twee keer zoveel" in submitted.results
    assert submitted.workflow_states.get().status == WorkflowState.STATUS_APPROVED


def test_lesson_goes_through_the_same_task(setup_editors, utrecht, editor_a, moderator):
    """The same flow without the admin: what a partner import or a shell would do."""
    lesson = LessonPage(
        title="Begin klein",
        summary="Start met één corporatie.",
        body="<p>Een pilot maakte de afspraken concreet.</p>",
        owner=editor_a,
        live=False,
    )
    case_index_for(utrecht).add_child(instance=lesson)
    lesson.save_revision(user=editor_a)
    lesson.get_workflow().start(lesson, editor_a)

    task_state = lesson.current_workflow_task_state
    assert not lesson.live and task_state.status == TaskState.STATUS_IN_PROGRESS
    task_state.task.specific.on_action(task_state, moderator, "approve")

    lesson.refresh_from_db()
    assert lesson.live and lesson.municipality == utrecht


def test_editor_draft_of_a_live_case_leaves_the_live_page_alone(
    setup_editors, utrecht, make_case, editor_a, client, case_form_data
):
    case = CasePage.objects.get(pk=make_case(utrecht).pk)
    live_revision = case.live_revision
    client.force_login(editor_a)

    data = case_form_data(title="Nieuwe titel in concept", slug=case.slug)
    response = client.post(edit_url(case), data)

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Vroegsignalering van schulden"  # what visitors see
    assert case.live and case.live_revision == live_revision
    assert case.has_unpublished_changes
    draft = case.latest_revision
    assert draft != live_revision and draft.user == editor_a
    assert draft.as_object().title == "Nieuwe titel in concept"
    # The revision history shows both, and the live one can be restored from it.
    history = client.get(reverse("wagtailadmin_pages:history", args=[case.pk]))
    assert history.status_code == 200


def test_editor_previews_a_draft(
    setup_editors, utrecht, make_case, editor_a, client, case_form_data
):
    """The preview takes the unsaved form; rendering it needs the front-end templates."""
    case = make_case(utrecht)
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[case.pk])

    response = client.post(url, case_form_data(title="Alleen in de preview", slug=case.slug))

    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(url)
    assert response.status_code == 200
    assert "Alleen in de preview" in response.content.decode()
    case.refresh_from_db()
    assert case.title == "Vroegsignalering van schulden"
    assert case.revisions.count() == 1  # previewing saves nothing


def move_schedule_into_the_past(revision: Revision, page: CasePage) -> None:
    """What time passing does to a scheduled revision (freezegun is not installed)."""
    past = timezone.now() - datetime.timedelta(minutes=5)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    CasePage.objects.filter(pk=page.pk).update(go_live_at=past)


def test_moderator_schedules_publication(submitted, moderator, client, case_form_data):
    go_live_at = timezone.localtime() + datetime.timedelta(days=30)
    client.force_login(moderator)
    data = case_form_data(slug=submitted.slug, go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"))

    response = client.post(edit_url(submitted), {**data, "action-publish": "Publiceren"})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert not submitted.live
    scheduled = submitted.scheduled_revision
    assert scheduled is not None and scheduled.approved_go_live_at > timezone.now()

    call_command("publish_scheduled", verbosity=0)
    submitted.refresh_from_db()
    assert not submitted.live  # not yet

    move_schedule_into_the_past(scheduled, submitted)
    call_command("publish_scheduled", verbosity=0)

    published = CasePage.objects.get(pk=submitted.pk)
    assert published.live and published.live_revision == scheduled
    assert published.scheduled_revision is None
