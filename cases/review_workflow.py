"""The Kennisredactie's review workflow on the home page, made idempotently."""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cases.models import HomePage
from municipalities.outcomes import Outcome

WORKFLOW_NAME = "Kennisredactie-review"
TASK_NAME = "Beoordeling kennisredactie"


def ensure_workflow(home: HomePage, moderators: Group) -> Outcome:
    """The review workflow on the home page: one group approval task for the moderators."""
    changed = False
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).order_by("pk").first()
    created = workflow is None
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
        changed = True

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True)
        changed = True
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
        changed = True
    if set(task.groups.values_list("pk", flat=True)) != {moderators.pk}:
        task.groups.set([moderators])
        changed = True

    steps = list(
        WorkflowTask.objects.filter(workflow=workflow)
        .order_by("sort_order")
        .values_list("task_id", flat=True)
    )
    if steps != [task.pk]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changed = True

    attached = WorkflowPage.objects.filter(page=home).first()
    if attached is None:
        WorkflowPage.objects.create(page=home, workflow=workflow)
        changed = True
    elif attached.workflow_id != workflow.pk:
        attached.workflow = workflow
        attached.save(update_fields=["workflow"])
        changed = True

    if created:
        return Outcome.CREATED
    return Outcome.UPDATED if changed else Outcome.UNCHANGED
