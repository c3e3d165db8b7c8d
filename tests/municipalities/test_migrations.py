"""Moving Municipality into its own app keeps a database made before the move working.

The database is migrated back to where main was before the move (kennisbank 0001
owned the municipality table, groups and collections were tied to municipalities
by permission rows only), filled the way main's setup_editors filled it, and
migrated forward again. A fresh database is what every other test runs on.
"""

import uuid

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.models import CaseIndexPage
from municipalities.membership import Role, membership_of
from municipalities.models import Municipality, Workspace

BEFORE_THE_MOVE = [
    ("kennisbank", "0001_initial"),
    ("cases", "0005_remove_wagtail_default_roles"),
    ("municipalities", None),
]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def fill_as_main_did(apps) -> dict:
    """Two municipalities, their index pages, groups, collections and grants, one editor."""
    OldMunicipality = apps.get_model("kennisbank", "Municipality")
    OldIndex = apps.get_model("cases", "CaseIndexPage")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    OldGroup = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentTypes = apps.get_model("contenttypes", "ContentType")
    OldUser = apps.get_model("auth", "User")

    home = Page.objects.get(depth=2)
    root_collection = Collection.objects.get(depth=1)
    index_type = ContentTypes.objects.get(app_label="cases", model="caseindexpage")
    change_page = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="change_page"
    )
    choose_document = Permission.objects.get(codename="choose_document")
    made = {}
    for step, (code, name) in enumerate([("GM0344", "Utrecht"), ("GM0307", "Amersfoort")], 1):
        municipality = OldMunicipality.objects.create(
            cbs_code=code, name=name, province="Utrecht", population=100_000
        )
        index = OldIndex.objects.create(
            title=name,
            draft_title=name,
            slug=name.lower(),
            path=f"{home.path}{900 + step:04d}",
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{name.lower()}/",
            content_type=index_type,
            locale_id=home.locale_id,
            translation_key=uuid.uuid4(),
            municipality=municipality,
        )
        group = OldGroup.objects.create(name=f"Redactie Gemeente {name}")
        GroupPagePermission.objects.create(group=group, page=index, permission=change_page)
        collection = Collection.objects.create(
            name=f"Gemeente {name}",
            path=f"{root_collection.path}{900 + step:04d}",
            depth=2,
            numchild=0,
        )
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=choose_document
        )
        made[code] = (municipality.pk, index.pk, group.pk, collection.pk)
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 2)
    Collection.objects.filter(pk=root_collection.pk).update(numchild=root_collection.numchild + 2)
    # Renamed by a new CBS list after main's last setup_editors run.
    OldMunicipality.objects.filter(cbs_code="GM0344").update(name="Utrecht (stad)")
    editor = OldUser.objects.create(username="redacteur-utrecht")
    editor.groups.add(made["GM0344"][2])
    made["content type"] = ContentTypes.objects.get(app_label="kennisbank", model="municipality").pk
    return made


# Outside a transaction (the SQLite schema editor refuses to run inside one), with
# the rows the migrations made (home page, root collection) restored first, since
# an earlier transactional test may have flushed them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_from_before_the_move_migrates_with_its_rows_and_links():
    try:
        old = migrate(BEFORE_THE_MOVE)
        made = fill_as_main_did(old.loader.project_state(BEFORE_THE_MOVE[:2]).apps)

        migrate(latest())

        utrecht = Municipality.objects.get(cbs_code="GM0344")
        municipality_id, index_id, group_id, collection_id = made["GM0344"]
        assert (utrecht.pk, utrecht.name) == (municipality_id, "Utrecht (stad)")
        assert CaseIndexPage.objects.get(pk=index_id).municipality == utrecht
        workspace = Workspace.objects.get(municipality=utrecht)
        assert (workspace.editor_group_id, workspace.collection_id) == (group_id, collection_id)
        assert Workspace.objects.get(municipality__cbs_code="GM0307").editor_group.name == (
            "Redactie Gemeente Amersfoort"
        )
        # The content type was renamed in place: permissions and log entries keep it.
        moved = ContentType.objects.get(app_label="municipalities", model="municipality")
        assert moved.pk == made["content type"]
        assert not ContentType.objects.filter(app_label="kennisbank").exists()
        # The editor already in the group acts for the municipality.
        editor = User.objects.get(username="redacteur-utrecht")
        assert membership_of(editor).municipality == utrecht
        assert membership_of(editor).roles == {Role.MEMBER, Role.EDITOR}

        # The next setup_editors renames the group it is linked to; the editor stays in it.
        from cases.editors import setup_editors

        setup_editors(list(Municipality.objects.all()))
        assert Group.objects.get(pk=group_id).name == "Redactie Gemeente Utrecht (stad)"
        assert list(editor.groups.values_list("pk", flat=True)) == [group_id]
    finally:
        migrate(latest())
