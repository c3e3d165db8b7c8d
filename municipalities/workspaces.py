"""Making each municipality's workspace: its editorial group and its document collection.

setup_editors (cases.editors) calls ``ensure_workspaces`` and then decides what the
groups may do; this module only makes sure each municipality has exactly one group
and one collection, linked by a Workspace row and named after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import models
from wagtail.models import Collection

from municipalities.models import Municipality, Workspace

EDITOR_GROUP_PREFIX = "Redactie Gemeente "
COLLECTION_PREFIX = "Gemeente "


class WorkspaceError(Exception):
    """The database holds something ensure_workspaces will not overwrite on its own."""


def editor_group_name(municipality: Municipality) -> str:
    return f"{EDITOR_GROUP_PREFIX}{municipality.name}"


def collection_name(municipality: Municipality) -> str:
    return f"{COLLECTION_PREFIX}{municipality.name}"


@dataclass
class EnsuredWorkspaces:
    """Municipality id -> its workspace; and which municipalities got a new group or changed."""

    workspaces: dict[int, Workspace] = field(default_factory=dict)
    new_groups: set[int] = field(default_factory=set)
    changed: set[int] = field(default_factory=set)


def ensure_workspaces(selected: list[Municipality]) -> EnsuredWorkspaces:
    """Link every selected municipality to a group and collection named after it.

    A municipality that has a workspace keeps it; its group and collection are
    renamed when the municipality was. One without adopts a group and a child of
    the root collection that already carry its name and belong to no other
    municipality (made by hand before the first run, say), else gets new ones.
    Call it inside a transaction: a name clash raises WorkspaceError half-way.
    """
    result = EnsuredWorkspaces()
    result.workspaces = {
        workspace.municipality_id: workspace
        for workspace in Workspace.objects.filter(municipality__in=selected).select_related(
            "editor_group", "collection"
        )
    }
    missing = [m for m in selected if m.pk not in result.workspaces]
    if missing:
        _create(missing, result)
    _rename(selected, result)
    return result


def _create(missing: list[Municipality], result: EnsuredWorkspaces) -> None:
    group_names = {editor_group_name(m): m for m in missing}
    groups = {
        group.name: group
        for group in Group.objects.filter(name__in=group_names, municipality_workspace__isnull=True)
    }
    new_names = [name for name in group_names if name not in groups]
    Group.objects.bulk_create([Group(name=name) for name in new_names])
    for group in Group.objects.filter(name__in=new_names):
        groups[group.name] = group
        result.new_groups.add(group_names[group.name].pk)

    root = Collection.get_first_root_node()
    collection_names = {collection_name(m): m for m in missing}
    collections: dict[str, Collection] = {}
    for collection in (
        root.get_children()
        .filter(name__in=collection_names, municipality_workspace__isnull=True)
        .order_by("pk")
    ):
        collections.setdefault(collection.name, collection)
    new_collections = [name for name in collection_names if name not in collections]
    for collection in _bulk_add_children(root, new_collections):
        collections[collection.name] = collection

    created = Workspace.objects.bulk_create(
        [
            Workspace(
                municipality=m,
                editor_group=groups[editor_group_name(m)],
                collection=collections[collection_name(m)],
            )
            for m in missing
        ]
    )
    for workspace in created:
        result.workspaces[workspace.municipality_id] = workspace
        result.changed.add(workspace.municipality_id)


def _rename(selected: list[Municipality], result: EnsuredWorkspaces) -> None:
    groups = [result.workspaces[m.pk].editor_group for m in selected]
    collections = [result.workspaces[m.pk].collection for m in selected]
    renamed_groups = _renamed(selected, groups, editor_group_name)
    renamed_collections = _renamed(selected, collections, collection_name)
    if renamed_groups:
        clash = sorted(
            Group.objects.exclude(pk__in=[g.pk for _m, g in renamed_groups])
            .filter(name__in=[editor_group_name(m) for m, _g in renamed_groups])
            .values_list("name", flat=True)
        )
        if clash:
            raise WorkspaceError(
                f"cannot rename a municipality's group to {', '.join(clash)}: another group "
                "already has that name; rename or remove it first"
            )
        Group.objects.bulk_update([g for _m, g in renamed_groups], ["name"])
    Collection.objects.bulk_update([c for _m, c in renamed_collections], ["name"])
    result.changed |= {m.pk for m, _o in renamed_groups + renamed_collections}


def _renamed(selected, objects, name_for) -> list[tuple[Municipality, models.Model]]:
    """Give each object its municipality's name; return the (municipality, object) renamed."""
    renamed = []
    for municipality, obj in zip(selected, objects, strict=True):
        if obj.name != name_for(municipality):
            obj.name = name_for(municipality)
            renamed.append((municipality, obj))
    return renamed


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
    paths = [
        parent._get_path(parent.path, depth, step)
        for step in range(first_step, first_step + len(names))
    ]
    Collection.objects.bulk_create(
        [
            Collection(name=name, depth=depth, numchild=0, path=path)
            for name, path in zip(names, paths, strict=True)
        ],
        batch_size=500,
    )
    Collection.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + len(names))
    parent.refresh_from_db(fields=["numchild"])
    return list(Collection.objects.filter(path__in=paths))
