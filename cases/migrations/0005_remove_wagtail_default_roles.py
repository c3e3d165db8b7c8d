from django.db import migrations

# Wagtail's initial data gives the "Editors" and "Moderators" groups page rights on the
# tree root and attaches a "Moderators approval" workflow there. On Kennisbank those
# would reach across every municipality; cases.editors defines the real roles.
DEFAULT_GROUPS = ["Editors", "Moderators"]
DEFAULT_WORKFLOW = "Moderators approval"


def remove_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")

    # Deactivated rather than deleted: workflow history (if any) keeps pointing at it.
    WorkflowPage.objects.filter(workflow__name=DEFAULT_WORKFLOW).delete()
    Workflow.objects.filter(name=DEFAULT_WORKFLOW).update(active=False)
    Task.objects.filter(name=DEFAULT_WORKFLOW).update(active=False)
    # A group someone already uses is left alone.
    Group.objects.filter(name__in=DEFAULT_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_summary_limit_attachment_protect"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(remove_defaults, migrations.RunPython.noop)]
