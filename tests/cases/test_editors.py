"""manage.py setup_editors: groups, collections, grants and the review workflow.

Most tests import a three-municipality list for speed; one runs the whole CBS list.
"""

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cases.editors import setup_editors
from cases.indexes import case_index_for
from cases.models import CaseIndexPage, HomePage
from municipalities.models import Municipality
from municipalities.outcomes import Outcome

pytestmark = pytest.mark.django_db

HEADER = "cbs_code,name,province,population\n"
UTRECHT = "GM0344,Utrecht,Utrecht,374238\n"
AMERSFOORT = "GM0307,Amersfoort,Utrecht,161000\n"
LEEUWARDEN = "GM0080,Leeuwarden,Fryslân,128000\n"


@pytest.fixture
def import_list(tmp_path):
    """Import a municipality list given as CSV rows, as the CBS import would."""

    def run(*rows: str) -> None:
        path = tmp_path / "gemeenten.csv"
        path.write_text(HEADER + "".join(rows), encoding="utf-8")
        call_command("import_municipalities", str(path), stdout=io.StringIO())

    return run


@pytest.fixture
def three(import_list) -> None:
    import_list(UTRECHT, AMERSFOORT, LEEUWARDEN)


def run_command() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("setup_editors", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def review_task() -> GroupApprovalTask:
    return GroupApprovalTask.objects.get(name="Beoordeling kennisredactie")


def codenames(permissions) -> set[str]:
    return {permission.codename for permission in permissions}


def snapshot() -> dict:
    """Every row setup_editors may write, to compare two runs."""
    return {
        "groups": sorted(Group.objects.values_list()),
        "group permissions": sorted(Group.permissions.through.objects.values_list()),
        "page permissions": sorted(GroupPagePermission.objects.values_list()),
        "collection permissions": sorted(GroupCollectionPermission.objects.values_list()),
        "collections": sorted(Collection.objects.values_list()),
        "pages": sorted(Page.objects.values_list("pk", "path", "numchild", "title", "live")),
        "revisions": sorted(Revision.objects.values_list("pk", "object_id")),
        "workflows": sorted(Workflow.objects.values_list()),
        "tasks": sorted(Task.objects.values_list()),
        "task groups": sorted(GroupApprovalTask.groups.through.objects.values_list()),
        "workflow tasks": sorted(WorkflowTask.objects.values_list()),
        "workflow pages": sorted(WorkflowPage.objects.values_list()),
    }


def test_first_run_sets_up_every_municipality(three):
    out, err = run_command()

    assert (
        "3 municipalities: 3 created, 0 updated, 0 unchanged; group Kennisredactie: created; "
        "workflow Kennisredactie-review: created"
    ) in out
    assert "3/3 municipalities" in err
    root_collection = Collection.get_first_root_node()
    for municipality in Municipality.objects.all():
        index = CaseIndexPage.objects.get(municipality=municipality)
        assert index.live and index.get_parent().specific_class is HomePage
        group = Group.objects.get(name=f"Redactie Gemeente {municipality.name}")
        assert codenames(group.permissions.all()) == {"access_admin"}
        page_grants = GroupPagePermission.objects.filter(group=group)
        assert {grant.page_id for grant in page_grants} == {index.pk}
        assert codenames(grant.permission for grant in page_grants) == {"add_page", "change_page"}
        collection = Collection.objects.get(name=f"Gemeente {municipality.name}")
        assert collection.get_parent() == root_collection
        collection_grants = GroupCollectionPermission.objects.filter(group=group)
        assert {grant.collection for grant in collection_grants} == {collection}
        assert codenames(grant.permission for grant in collection_grants) == {
            "add_document",
            "choose_document",
        }

    moderators = Group.objects.get(name="Kennisredactie")
    assert codenames(moderators.permissions.all()) == {
        "access_admin",
        "add_term",
        "change_term",
        "change_external_id",
        "add_synonymgroup",
        "change_synonymgroup",
        "delete_synonymgroup",
        "view_searchquery",
    }
    page_grants = GroupPagePermission.objects.filter(group=moderators)
    assert {grant.page for grant in page_grants} == {HomePage.objects.get().page_ptr}
    assert codenames(grant.permission for grant in page_grants) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    collection_grants = GroupCollectionPermission.objects.filter(group=moderators)
    assert {grant.collection for grant in collection_grants} == {root_collection}
    assert codenames(grant.permission for grant in collection_grants) == {
        "add_document",
        "change_document",
        "choose_document",
    }

    workflow = Workflow.objects.get(name="Kennisredactie-review")
    assert workflow.active
    [task] = [task.specific for task in workflow.tasks]
    assert task.name == "Beoordeling kennisredactie" and task.active
    assert list(task.groups.all()) == [moderators]
    assert WorkflowPage.objects.get(page=HomePage.objects.get()).workflow == workflow

    assert not any(Collection.find_problems()) and not any(Page.find_problems())
    assert not Group.objects.filter(name="Leden").exists()  # see cases.editors


def test_second_run_changes_nothing(three, django_assert_max_num_queries):
    run_command()
    before = snapshot()

    with django_assert_max_num_queries(40):  # bulk: independent of the number of municipalities
        out, _err = run_command()

    assert "3 municipalities: 0 created, 0 updated, 3 unchanged" in out
    assert "group Kennisredactie: unchanged; workflow Kennisredactie-review: unchanged" in out
    assert snapshot() == before


def test_renamed_municipality_renames_its_group_and_collection(three, import_list):
    run_command()
    group = Group.objects.get(name="Redactie Gemeente Utrecht")
    collection = Collection.objects.get(name="Gemeente Utrecht")
    editor = User.objects.create_user("redacteur")
    editor.groups.add(group)

    import_list(UTRECHT.replace(",Utrecht,", ",Utrecht (stad),", 1), AMERSFOORT, LEEUWARDEN)
    out, _err = run_command()

    assert "3 municipalities: 0 created, 1 updated, 2 unchanged" in out
    group.refresh_from_db()
    collection.refresh_from_db()
    assert group.name == "Redactie Gemeente Utrecht (stad)"
    assert collection.name == "Gemeente Utrecht (stad)"
    assert list(editor.groups.all()) == [group]
    assert Group.objects.filter(name__startswith="Redactie Gemeente ").count() == 3
    assert Collection.objects.filter(depth=2).count() == 3
    assert CaseIndexPage.objects.count() == 3

    out, _err = run_command()
    assert "0 created, 0 updated, 3 unchanged" in out


def test_newly_imported_municipality_is_added(three, import_list):
    run_command()
    import_list(UTRECHT, AMERSFOORT, LEEUWARDEN, "GM0363,Amsterdam,Noord-Holland,931298\n")

    out, _err = run_command()

    assert "4 municipalities: 1 created, 0 updated, 3 unchanged" in out
    assert Group.objects.filter(name="Redactie Gemeente Amsterdam").exists()
    assert not any(Collection.find_problems())


def test_hand_made_changes_to_managed_groups_are_reverted(three):
    run_command()
    utrecht, amersfoort = (
        Municipality.objects.get(name=name) for name in ("Utrecht", "Amersfoort")
    )
    group = Group.objects.get(name="Redactie Gemeente Utrecht")
    publish = Permission.objects.get(codename="publish_page")
    GroupPagePermission.objects.create(
        group=group, page=case_index_for(utrecht), permission=publish
    )
    GroupPagePermission.objects.create(
        group=group, page=case_index_for(amersfoort), permission=publish
    )
    GroupCollectionPermission.objects.create(
        group=group,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="choose_document"),
    )
    group.permissions.add(Permission.objects.get(codename="delete_document"))
    Workflow.objects.filter(name="Kennisredactie-review").update(active=False)
    review_task().groups.clear()

    out, _err = run_command()

    assert "0 created, 1 updated, 2 unchanged" in out
    assert "workflow Kennisredactie-review: updated" in out
    assert codenames(p.permission for p in group.page_permissions.all()) == {
        "add_page",
        "change_page",
    }
    assert {p.page_id for p in group.page_permissions.all()} == {case_index_for(utrecht).pk}
    assert {p.collection.name for p in group.collection_permissions.all()} == {"Gemeente Utrecht"}
    assert codenames(group.permissions.all()) == {"access_admin"}
    assert Workflow.objects.get(name="Kennisredactie-review").active
    assert [g.name for g in review_task().groups.all()] == ["Kennisredactie"]


def test_a_group_granted_on_two_indexes_is_never_given_to_the_other(three):
    """Matching by grant only trusts a group that is on one municipality's index."""
    run_command()
    utrecht_group = Group.objects.get(name="Redactie Gemeente Utrecht")
    amersfoort_index = case_index_for(Municipality.objects.get(name="Amersfoort"))
    GroupPagePermission.objects.create(
        group=utrecht_group,
        page=amersfoort_index,
        permission=Permission.objects.get(codename="change_page"),
    )
    Group.objects.filter(name="Redactie Gemeente Amersfoort").delete()

    out, _err = run_command()

    assert "3 municipalities: 1 created, 1 updated, 1 unchanged" in out
    utrecht_group.refresh_from_db()
    assert utrecht_group.name == "Redactie Gemeente Utrecht"
    assert amersfoort_index.pk not in {p.page_id for p in utrecht_group.page_permissions.all()}
    amersfoort_group = Group.objects.get(name="Redactie Gemeente Amersfoort")
    assert {p.page_id for p in amersfoort_group.page_permissions.all()} == {amersfoort_index.pk}
    assert {c.collection.name for c in amersfoort_group.collection_permissions.all()} == {
        "Gemeente Amersfoort"
    }
    assert Collection.objects.filter(name="Gemeente Amersfoort").count() == 1


def test_existing_index_group_and_collection_are_adopted(three):
    utrecht = Municipality.objects.get(name="Utrecht")
    index = case_index_for(utrecht)
    group = Group.objects.create(name="Redactie Gemeente Utrecht")
    collection = Collection.get_first_root_node().add_child(name="Gemeente Utrecht")

    report = setup_editors()

    assert report.municipalities.created == 2 and report.municipalities.updated == 1
    assert CaseIndexPage.objects.get(municipality=utrecht).pk == index.pk
    assert GroupPagePermission.objects.filter(group=group, page=index).count() == 2
    assert GroupCollectionPermission.objects.filter(group=group, collection=collection).exists()
    assert Collection.objects.filter(name="Gemeente Utrecht").count() == 1


def test_rename_onto_an_existing_group_name_stops_everything(three, import_list):
    run_command()
    Group.objects.create(name="Redactie Gemeente Utrecht (stad)")
    import_list(UTRECHT.replace(",Utrecht,", ",Utrecht (stad),", 1), AMERSFOORT, LEEUWARDEN)
    before = snapshot()

    with pytest.raises(CommandError, match=r"Redactie Gemeente Utrecht \(stad\)"):
        run_command()

    assert snapshot() == before  # one transaction: nothing half done


def test_subset_leaves_other_municipalities_alone(three):
    report = setup_editors(Municipality.objects.filter(name="Utrecht"))

    assert report.municipalities.created == 1 and report.moderators == Outcome.CREATED
    assert CaseIndexPage.objects.count() == 1
    assert Group.objects.filter(name__startswith="Redactie Gemeente ").count() == 1


def test_whole_cbs_list(municipalities, settings, django_assert_max_num_queries):
    """All 342 municipalities of 2025, with progress every 50.

    Tasks are only queued here, as the worker's queue does in production: the test
    settings would otherwise run search and reference indexing of every new page
    inline, which is a third of the time and not what is under test.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    out, err = run_command()

    assert "342 municipalities: 342 created, 0 updated, 0 unchanged" in out
    progress = [line.split()[0] for line in err.splitlines() if "municipalities (" in line]
    assert progress == ["50/342", "100/342", "150/342", "200/342", "250/342", "300/342", "342/342"]
    assert CaseIndexPage.objects.count() == 342
    assert Group.objects.filter(name__startswith="Redactie Gemeente ").count() == 342
    assert Collection.objects.filter(depth=2, name__startswith="Gemeente ").count() == 342
    assert GroupPagePermission.objects.count() == 342 * 2 + 5  # + Kennisredactie's
    assert not any(Collection.find_problems()) and not any(Page.find_problems())

    # A rerun reads and compares in bulk: its query count does not grow with the list.
    with django_assert_max_num_queries(40):
        out, _err = run_command()
    assert "342 municipalities: 0 created, 0 updated, 342 unchanged" in out
