"""Making groups hold exactly the permissions a policy gives them, in bulk.

cases.editors decides who may do what; this module writes it: the auth.Permission
ids it needs, looked up once, and a reconciliation of Wagtail's page and collection
permission rows and Django's group permissions with the desired set, a handful of
queries for all groups together however many municipalities there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import models
from wagtail.models import GroupCollectionPermission, GroupPagePermission


class MissingPermissions(Exception):
    """Permission rows the policy needs do not exist (migrations have not run)."""


@dataclass
class Grants:
    """Everything one managed group should hold, as (target id, permission id) pairs."""

    pages: set[tuple[int, int]] = field(default_factory=set)
    collections: set[tuple[int, int]] = field(default_factory=set)
    global_permissions: set[int] = field(default_factory=set)


class PermissionIds:
    """The auth.Permission ids of the given (app label, codename) pairs, in one query."""

    def __init__(self, wanted: Iterable[tuple[str, str]]) -> None:
        wanted = set(wanted)
        rows = Permission.objects.filter(
            content_type__app_label__in={app for app, _name in wanted},
            codename__in={name for _app, name in wanted},
        ).values_list("content_type__app_label", "codename", "pk")
        self._ids: dict[tuple[str, str], set[int]] = {}
        for app, name, pk in rows:
            if (app, name) in wanted:
                self._ids.setdefault((app, name), set()).add(pk)
        missing = wanted - self._ids.keys()
        if missing:
            raise MissingPermissions(f"permissions missing (run migrate first): {sorted(missing)}")

    def __call__(self, app_label: str, codename: str) -> int:
        """The one permission with this codename (page and document permissions)."""
        [pk] = self._ids[app_label, codename]
        return pk

    def all(self, app_label: str, codename: str) -> set[int]:
        """Every permission with this codename in the app, one per model that defines it."""
        return self._ids[app_label, codename]


def apply_grants(grants: dict[int, Grants]) -> set[int]:
    """Make each group's page, collection and global permissions exactly its grants.

    Missing rows are bulk-created and surplus rows deleted. Returns the ids of the
    groups that changed.
    """
    group_ids = list(grants)
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
            Group.permissions.through,
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
