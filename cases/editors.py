"""Who may write what: municipal editorial teams, the Kennisredactie and its review.

Kennisbank's promise to municipalities is that what appears under their name was
written by their own people and checked by the Kennisredactie before anyone else can
read it. That promise is kept with plain Wagtail permissions, so the admin, the
permission policy and every Wagtail view enforce it the same way:

* **Redactie Gemeente <name>**, one group per municipality, may add and edit pages
  below that municipality's case index (``add_page`` + ``change_page`` on the
  index, which Wagtail inherits down the tree) and nowhere else. ``change_page``
  rather than ``add_page`` alone, because colleagues edit each other's casusbladen,
  not just their own. No ``publish_page``: what they write can only go live through
  the review workflow. They get ``wagtailadmin.access_admin`` and may add and
  choose documents in their own collection "Gemeente <name>"; Wagtail lets them
  edit and delete what they uploaded themselves. No ``change_document``: Wagtail
  treats it as delete permission too, and deleting a document removes it from
  every casusblad it is attached to, live ones included, without any review.
  Nothing on the root collection either: collection permissions are inherited by
  child collections, so "choose" on root would let every municipality browse every
  other municipality's attachments, those of unpublished drafts included.
* **Kennisredactie** (moderators) may add, edit, publish/unpublish, lock and unlock
  every page below the home page, add/change(/delete)/choose documents in every
  collection, add and edit taxonomy terms, and is the group of the single task of
  the workflow.
* **Kennisredactie-review** is a workflow with one ``GroupApprovalTask``
  ("Beoordeling kennisredactie", assigned to Kennisredactie), attached to the home
  page, so every casusblad and les below it is reviewed before it goes live.
  Wagtail's own "Moderators approval" workflow and its "Editors" and "Moderators"
  groups, which would grant rights across every municipality, are removed by
  migration cases 0005.
* **No "Leden" group.** Members-only pages use a Wagtail *login* view restriction
  (cases.visibility), which any authenticated user passes. A members group would
  grant nothing, and would invite switching the restriction to "groups", after which
  every member who was not added to it silently loses access.

The groups, collections and grants are owned by this module: ``setup_editors`` makes
them exactly what is described here, so a permission someone added by hand to a
managed group (say ``publish_page`` for one municipality) is removed on the next run.
Change policy here, not in the admin. Group *membership* is never touched.

A municipality is tied to its group by the group's page permission on that
municipality's case index, and to its collection by the group's collection
permission, rather than by name: so when the CBS list renames a municipality, the
next run renames its group and collection instead of creating new ones.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cases.indexes import case_index_for
from cases.models import CaseIndexPage, HomePage
from kennisbank.models import Municipality

EDITOR_GROUP_PREFIX = "Redactie Gemeente "
COLLECTION_PREFIX = "Gemeente "
MODERATOR_GROUP = "Kennisredactie"
WORKFLOW_NAME = "Kennisredactie-review"
TASK_NAME = "Beoordeling kennisredactie"

# (app label, codename) of each permission the managed groups hold.
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
EDITOR_DOCUMENT_PERMISSIONS = ("add_document", "choose_document")
MODERATOR_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
# The Kennisredactie curates the vocabularies; removing a term is left to superusers.
MODERATOR_TAXONOMY_PERMISSIONS = (("cases", "add_term"), ("cases", "change_term"))

PROGRESS_EVERY = 50

Progress = Callable[[int, int], None]


class SetupError(Exception):
    """The database holds something setup_editors will not overwrite on its own."""


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class SetupReport:
    """What one run did: per municipality, and for the moderators and the workflow."""

    municipalities: Counts = field(default_factory=Counts)
    moderators: Outcome = Outcome.UNCHANGED
    workflow: Outcome = Outcome.UNCHANGED


def editor_group_name(municipality: Municipality) -> str:
    return f"{EDITOR_GROUP_PREFIX}{municipality.name}"


def collection_name(municipality: Municipality) -> str:
    return f"{COLLECTION_PREFIX}{municipality.name}"


def editor_group_for(municipality: Municipality) -> Group | None:
    """The municipality's editorial group, found as setup_editors finds it: by its grant."""
    return (
        Group.objects.filter(
            page_permissions__page__caseindexpage__municipality=municipality,
            name__startswith=EDITOR_GROUP_PREFIX,
        )
        .distinct()
        .order_by("pk")
        .first()
    )


@dataclass
class _Grants:
    """Everything one managed group should hold, as (target id, permission id) pairs."""

    pages: set[tuple[int, int]] = field(default_factory=set)
    collections: set[tuple[int, int]] = field(default_factory=set)
    global_permissions: set[int] = field(default_factory=set)


def setup_editors(
    municipalities: Iterable[Municipality] | None = None,
    *,
    progress: Progress | None = None,
) -> SetupReport:
    """Create or update index pages, groups, collections, grants and the review workflow.

    ``municipalities`` defaults to every imported municipality; passing a subset
    sets up (and reconciles) only those, which the tests use for speed. Idempotent:
    a second run writes nothing. ``progress(done, total)`` is called every
    ``PROGRESS_EVERY`` municipalities and at the end.

    Missing index pages are created first, each committed on its own by
    case_index_for. They are the slow part of a first run (a Wagtail page with a
    published revision, about a hundred queries each, plus search and reference
    index tasks), an index page grants nothing by itself, and so an interrupted run
    loses nothing: the next one reuses the pages it made. Everything that grants
    access is then written in one transaction, so a failure there leaves no
    half-made permissions behind.
    """
    selected = list(
        municipalities if municipalities is not None else Municipality.objects.order_by("name")
    )
    permissions = _Permissions()  # fails before anything is written if migrations are missing
    index_ids, new_indexes = _ensure_indexes(selected, progress)
    with transaction.atomic():
        return _setup_groups(selected, index_ids, new_indexes, permissions)


def _setup_groups(
    selected: list[Municipality],
    index_ids: dict[int, int],
    new_indexes: set[int],
    permissions: _Permissions,
) -> SetupReport:
    """Everything but the index pages: groups, collections, grants, the workflow."""
    home = HomePage.objects.get()
    root_collection = Collection.get_first_root_node()
    report = SetupReport()

    moderators, moderators_created = Group.objects.get_or_create(name=MODERATOR_GROUP)
    moderator_grants = _Grants(
        pages={(home.pk, permissions.page(name)) for name in MODERATOR_PAGE_PERMISSIONS},
        collections={
            (root_collection.pk, permissions.document(name))
            for name in MODERATOR_DOCUMENT_PERMISSIONS
        },
        global_permissions={
            permissions.admin_access,
            *(permissions.model_permission(*perm) for perm in MODERATOR_TAXONOMY_PERMISSIONS),
        },
    )

    groups, new_groups, touched = _ensure_editor_groups(selected)
    collections, touched_collections = _ensure_collections(selected, groups, root_collection)
    touched |= touched_collections | new_indexes

    grants = {moderators.pk: moderator_grants}
    for municipality in selected:
        grants[groups[municipality.pk].pk] = _Grants(
            pages={
                (index_ids[municipality.pk], permissions.page(name))
                for name in EDITOR_PAGE_PERMISSIONS
            },
            collections={
                (collections[municipality.pk].pk, permissions.document(name))
                for name in EDITOR_DOCUMENT_PERMISSIONS
            },
            global_permissions={permissions.admin_access},
        )
    changed_groups = _apply_grants(grants)

    for municipality in selected:
        group_id = groups[municipality.pk].pk
        if group_id in new_groups:
            report.municipalities.add(Outcome.CREATED)
        elif municipality.pk in touched or group_id in changed_groups:
            report.municipalities.add(Outcome.UPDATED)
        else:
            report.municipalities.add(Outcome.UNCHANGED)

    if moderators_created:
        report.moderators = Outcome.CREATED
    elif moderators.pk in changed_groups:
        report.moderators = Outcome.UPDATED
    report.workflow = _ensure_workflow(home, moderators)
    return report


class _Permissions:
    """The few auth.Permission rows the grants use, looked up in one query."""

    def __init__(self) -> None:
        wanted = {
            ADMIN_ACCESS,
            *(("wagtailcore", name) for name in MODERATOR_PAGE_PERMISSIONS),
            *(("wagtaildocs", name) for name in MODERATOR_DOCUMENT_PERMISSIONS),
            *MODERATOR_TAXONOMY_PERMISSIONS,
        }
        rows = Permission.objects.filter(
            content_type__app_label__in={app for app, _name in wanted},
            codename__in={name for _app, name in wanted},
        ).values_list("content_type__app_label", "codename", "pk")
        self._ids = {(app, name): pk for app, name, pk in rows}
        missing = wanted - self._ids.keys()
        if missing:
            raise SetupError(f"permissions missing (run migrate first): {sorted(missing)}")

    @property
    def admin_access(self) -> int:
        return self._ids[ADMIN_ACCESS]

    def model_permission(self, app_label: str, codename: str) -> int:
        return self._ids[app_label, codename]

    def page(self, codename: str) -> int:
        return self._ids["wagtailcore", codename]

    def document(self, codename: str) -> int:
        return self._ids["wagtaildocs", codename]


def _ensure_indexes(
    selected: list[Municipality], progress: Progress | None
) -> tuple[dict[int, int], set[int]]:
    """Municipality id -> its case index page id, creating (and publishing) missing ones.

    Pages are created one by one through ``case_index_for``: Wagtail pages are
    multi-table tree nodes with revisions, which bulk_create cannot make. This is
    the slow part of a first run, so it is what reports progress.
    """
    index_ids = dict(
        CaseIndexPage.objects.filter(municipality__in=selected).values_list("municipality_id", "pk")
    )
    created: set[int] = set()
    total = len(selected)
    for done, municipality in enumerate(selected, start=1):
        if municipality.pk not in index_ids:
            index_ids[municipality.pk] = case_index_for(municipality).pk
            created.add(municipality.pk)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return index_ids, created


def _ensure_editor_groups(
    selected: list[Municipality],
) -> tuple[dict[int, Group], set[int], set[int]]:
    """Municipality id -> its editorial group; also the new group ids and renamed municipalities.

    A municipality's group is the editorial group with page permissions on its
    index and on no other index: that is how a renamed municipality keeps its group
    and its members. Failing that, a group already named for it is adopted (made by
    hand before the first run, say), else a new one is made. A group someone granted
    on two indexes by hand is only matched by its name, so it is never renamed to
    another municipality.
    """
    wanted = {m.pk: editor_group_name(m) for m in selected}
    exclusive = _linked_to_one(
        GroupPagePermission.objects.filter(
            group__name__startswith=EDITOR_GROUP_PREFIX, page__caseindexpage__isnull=False
        ).values_list("group_id", "page__caseindexpage__municipality_id")
    )
    named = dict(Group.objects.filter(name__in=wanted.values()).values_list("name", "pk"))
    group_ids = _match(selected, exclusive, named, wanted)

    missing = {wanted[m.pk]: m.pk for m in selected if m.pk not in group_ids}
    new_ids = set()
    if missing:
        Group.objects.bulk_create([Group(name=name) for name in missing])
        for group_id, name in Group.objects.filter(name__in=missing).values_list("pk", "name"):
            group_ids[missing[name]] = group_id
            new_ids.add(group_id)

    groups = Group.objects.in_bulk(group_ids.values())
    renamed = [m for m in selected if groups[group_ids[m.pk]].name != wanted[m.pk]]
    if renamed:
        _check_free(
            Group.objects.exclude(pk__in=[group_ids[m.pk] for m in renamed]),
            {wanted[m.pk] for m in renamed},
            "group",
        )
        for municipality in renamed:
            groups[group_ids[municipality.pk]].name = wanted[municipality.pk]
        Group.objects.bulk_update([groups[group_ids[m.pk]] for m in renamed], ["name"])
    by_municipality = {m.pk: groups[group_ids[m.pk]] for m in selected}
    return by_municipality, new_ids, {m.pk for m in renamed}


def _ensure_collections(
    selected: list[Municipality], groups: dict[int, Group], root: Collection
) -> tuple[dict[int, Collection], set[int]]:
    """Municipality id -> its document collection; also the municipalities whose collection changed.

    Matched as the groups are: the "Gemeente ..." child of root on which the
    municipality's group, and no other editorial group, holds permissions (so a
    renamed municipality keeps its documents), else the child of root named for it,
    else a new one (made in bulk).
    """
    wanted = {m.pk: collection_name(m) for m in selected}
    by_group = _linked_to_one(
        GroupCollectionPermission.objects.filter(
            group__name__startswith=EDITOR_GROUP_PREFIX,
            collection__depth=root.depth + 1,
            collection__name__startswith=COLLECTION_PREFIX,
        ).values_list("collection_id", "group_id")
    )
    exclusive = {m_id: by_group.get(group.pk, set()) for m_id, group in groups.items()}
    named: dict[str, int] = {}
    for collection_id, name in (
        root.get_children()
        .filter(name__in=wanted.values())
        .order_by("pk")
        .values_list("pk", "name")
    ):
        named.setdefault(name, collection_id)
    collection_ids = _match(selected, exclusive, named, wanted)

    missing = {wanted[m.pk]: m.pk for m in selected if m.pk not in collection_ids}
    for collection in _bulk_add_children(root, list(missing)):
        collection_ids[missing[collection.name]] = collection.pk

    collections = Collection.objects.in_bulk(collection_ids.values())
    renamed = [m for m in selected if collections[collection_ids[m.pk]].name != wanted[m.pk]]
    for municipality in renamed:
        collections[collection_ids[municipality.pk]].name = wanted[municipality.pk]
    Collection.objects.bulk_update([collections[collection_ids[m.pk]] for m in renamed], ["name"])
    changed = set(missing.values()) | {m.pk for m in renamed}
    return {m.pk: collections[collection_ids[m.pk]] for m in selected}, changed


def _match(
    selected: list[Municipality],
    exclusive: dict[int, set[int]],
    named: dict[str, int],
    wanted: dict[int, str],
) -> dict[int, int]:
    """Municipality id -> the id of its existing group or collection, where there is one.

    First the objects linked to this municipality alone (the one with the right name
    if there are several), then an object with the right name that is not linked to
    another municipality alone. Each object goes to one municipality at most.
    """
    matched: dict[int, int] = {}
    for municipality in selected:
        candidates = exclusive.get(municipality.pk, set())
        if candidates:
            name_match = named.get(wanted[municipality.pk])
            matched[municipality.pk] = name_match if name_match in candidates else min(candidates)
    taken = set().union(*exclusive.values())  # even if that municipality is not selected
    for municipality in selected:
        object_id = named.get(wanted[municipality.pk])
        if municipality.pk not in matched and object_id is not None and object_id not in taken:
            matched[municipality.pk] = object_id
            taken.add(object_id)
    return matched


def _linked_to_one(pairs: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    """From (a, b) pairs: b -> the a's paired with that b and with no other b.

    With (group, municipality) pairs: the groups that hold permissions on one
    municipality's index only, per municipality.
    """
    targets: dict[int, set[int]] = {}
    for a, b in pairs:
        targets.setdefault(a, set()).add(b)
    result: dict[int, set[int]] = {}
    for a, bs in targets.items():
        if len(bs) == 1:
            result.setdefault(next(iter(bs)), set()).add(a)
    return result


def _bulk_add_children(parent: Collection, names: list[str]) -> list[Collection]:
    """Append collections under ``parent`` in one insert instead of one add_child each.

    Collections are plain treebeard nodes (no multi-table inheritance, no signals
    that matter), so their materialised paths can be computed here: the next free
    steps after the parent's last child, as treebeard's add_child would pick them.
    """
    if not names:
        return []
    last = parent.get_last_child()
    first_step = last._get_lastpos_in_path() + 1 if last is not None else 1
    depth = parent.depth + 1
    Collection.objects.bulk_create(
        [
            Collection(
                name=name, depth=depth, numchild=0, path=parent._get_path(parent.path, depth, step)
            )
            for step, name in enumerate(names, start=first_step)
        ],
        batch_size=500,
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + len(names))
    parent.refresh_from_db(fields=["numchild"])
    paths = [
        parent._get_path(parent.path, depth, step)
        for step in range(first_step, first_step + len(names))
    ]
    return list(Collection.objects.filter(path__in=paths))


def _apply_grants(grants: dict[int, _Grants]) -> set[int]:
    """Make each group's page, collection and global permissions exactly its grants.

    Missing rows are bulk-created and surplus rows deleted: a handful of queries for
    all groups together, however many municipalities there are. Returns the ids of
    the groups that changed.
    """
    group_ids = list(grants)
    through = Group.permissions.through
    return (
        _sync_rows(
            GroupPagePermission,
            group_ids,
            "page_id",
            {(g, page, perm) for g, grant in grants.items() for page, perm in grant.pages},
        )
        | _sync_rows(
            GroupCollectionPermission,
            group_ids,
            "collection_id",
            {(g, coll, perm) for g, grant in grants.items() for coll, perm in grant.collections},
        )
        | _sync_rows(
            through,
            group_ids,
            None,
            {(g, None, perm) for g, grant in grants.items() for perm in grant.global_permissions},
        )
    )


def _sync_rows(
    model: type[models.Model],
    group_ids: list[int],
    target_field: str | None,
    desired: set[tuple[int, int | None, int]],
) -> set[int]:
    """Reconcile a model's (group, target, permission) rows with ``desired``.

    ``target_field`` is the page or collection column, or None for a group's global
    permissions. Returns the ids of the groups whose rows changed.
    """
    columns = ["pk", "group_id", "permission_id"]
    if target_field is not None:
        columns.insert(2, target_field)
    existing: dict[tuple[int, int | None, int], int] = {}
    for pk, group_id, *rest in model.objects.filter(group_id__in=group_ids).values_list(*columns):
        target, permission = rest if target_field is not None else (None, rest[0])
        existing[group_id, target, permission] = pk
    missing = sorted(desired - existing.keys(), key=lambda key: (key[0], key[1] or 0, key[2]))
    surplus = {key: pk for key, pk in existing.items() if key not in desired}
    if missing:
        model.objects.bulk_create(
            [
                model(
                    group_id=group_id,
                    permission_id=permission,
                    **({target_field: target} if target_field is not None else {}),
                )
                for group_id, target, permission in missing
            ],
            batch_size=500,
        )
    if surplus:
        model.objects.filter(pk__in=surplus.values()).delete()
    return {key[0] for key in missing} | {key[0] for key in surplus}


def _check_free(others: models.QuerySet, names: set[str], kind: str) -> None:
    clash = sorted(others.filter(name__in=names).values_list("name", flat=True))
    if clash:
        raise SetupError(
            f"cannot rename a municipality's {kind} to {', '.join(clash)}: another {kind} "
            "already has that name; rename or remove it first"
        )


def _ensure_workflow(home: HomePage, moderators: Group) -> Outcome:
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
