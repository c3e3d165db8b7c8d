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
  edit and delete what they uploaded themselves, until a live page uses it
  (cases.document_policy: a new version is then a new document, reviewed with the
  page that attaches it). No ``change_document``: Wagtail
  treats it as delete permission too, and deleting a document removes it from
  every casusblad it is attached to, live ones included, without any review.
  Nothing on the root collection either: collection permissions are inherited by
  child collections, so "choose" on root would let every municipality browse every
  other municipality's attachments, those of unpublished drafts included.
* **Kennisredactie** (moderators) may add, edit, publish/unpublish, lock and unlock
  every page below the home page, add/change(/delete)/choose documents in every
  collection, add and edit taxonomy terms, keep the synonym set and read the knowledge-gaps
  report, change pages' external IDs
  (``change_external_id``), and is the group of the single task of the workflow.
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

The grants are owned by this module: ``setup_editors`` makes them exactly what is
described here, so a permission someone added by hand to a managed group (say
``publish_page`` for one municipality) is removed on the next run. Change policy
here, not in the admin. Group *membership* is never touched here: who is an editor
of which municipality is municipalities.membership's business.

A municipality is tied to its group and collection by an explicit link, its
``Workspace`` (municipalities.workspaces makes them), not by a name or a permission
row: so when the CBS list renames a municipality, the next run renames its group
and collection instead of creating new ones. Wagtail's edit rights on the index
page itself and on a page's external ID are narrowed in cases.editing_rights.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet
from wagtail.models import Collection

from cases.editing_rights import EXTERNAL_ID_META_PERMISSION
from cases.grant_rows import Grants, MissingPermissions, PermissionIds, apply_grants
from cases.indexes import case_index_for
from cases.models import CaseIndexPage, HomePage
from cases.review_workflow import TASK_NAME, WORKFLOW_NAME, ensure_workflow
from municipalities.models import Municipality
from municipalities.outcomes import Outcome, Tally
from municipalities.workspaces import WorkspaceError, ensure_workspaces

__all__ = ["MODERATOR_GROUP", "TASK_NAME", "WORKFLOW_NAME", "SetupError", "setup_editors"]

MODERATOR_GROUP = "Kennisredactie"


def moderators() -> QuerySet:
    """The active members of the Kennisredactie: who hears what nobody else picks up."""
    return get_user_model().objects.filter(is_active=True, groups__name=MODERATOR_GROUP).distinct()


def is_moderator(user) -> bool:
    """The Kennisredactie and superusers (remembered on the user for the request)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_kb_is_moderator"):
        user._kb_is_moderator = (
            user.is_superuser or user.groups.filter(name=MODERATOR_GROUP).exists()
        )
    return user._kb_is_moderator


# (app label, codename) of each permission the managed groups hold.
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
EDITOR_DOCUMENT_PERMISSIONS = ("add_document", "choose_document")
MODERATOR_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
# The Kennisredactie curates the vocabularies; removing a term is left to superusers.
MODERATOR_TAXONOMY_PERMISSIONS = (("cases", "add_term"), ("cases", "change_term"))
MODERATOR_EXTERNAL_ID = ("cases", EXTERNAL_ID_META_PERMISSION[0])
# The Kennisredactie keeps the synonym set and reads the knowledge-gaps report (search app).
MODERATOR_SEARCH_PERMISSIONS = (
    ("search", "add_synonymgroup"),
    ("search", "change_synonymgroup"),
    ("search", "delete_synonymgroup"),
    ("search", "view_searchquery"),
)

PROGRESS_EVERY = 50

Progress = Callable[[int, int], None]


class SetupError(Exception):
    """The database holds something setup_editors will not overwrite on its own."""


@dataclass
class SetupReport:
    """What one run did: per municipality, and for the moderators and the workflow."""

    municipalities: Tally = field(default_factory=Tally)
    moderators: Outcome = Outcome.UNCHANGED
    workflow: Outcome = Outcome.UNCHANGED


def setup_editors(
    municipalities: Iterable[Municipality] | None = None,
    *,
    progress: Progress | None = None,
) -> SetupReport:
    """Create or update index pages, workspaces, grants and the review workflow.

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
    try:
        # Fails before anything is written if migrations are missing.
        permissions = PermissionIds(
            {
                ADMIN_ACCESS,
                *(("wagtailcore", name) for name in MODERATOR_PAGE_PERMISSIONS),
                *(("wagtaildocs", name) for name in MODERATOR_DOCUMENT_PERMISSIONS),
                *MODERATOR_TAXONOMY_PERMISSIONS,
                *MODERATOR_SEARCH_PERMISSIONS,
                MODERATOR_EXTERNAL_ID,
            }
        )
        index_ids, new_indexes = _ensure_indexes(selected, progress)
        with transaction.atomic():
            return _setup_groups(selected, index_ids, new_indexes, permissions)
    except (MissingPermissions, WorkspaceError) as error:
        raise SetupError(str(error)) from error


def _setup_groups(
    selected: list[Municipality],
    index_ids: dict[int, int],
    new_indexes: set[int],
    permissions: PermissionIds,
) -> SetupReport:
    """Everything but the index pages: workspaces, grants, the workflow."""
    home = HomePage.objects.get()
    root_collection = Collection.get_first_root_node()
    report = SetupReport()

    moderators, moderators_created = Group.objects.get_or_create(name=MODERATOR_GROUP)
    grants = {
        moderators.pk: Grants(
            pages={
                (home.pk, permissions("wagtailcore", name)) for name in MODERATOR_PAGE_PERMISSIONS
            },
            collections={
                (root_collection.pk, permissions("wagtaildocs", name))
                for name in MODERATOR_DOCUMENT_PERMISSIONS
            },
            global_permissions={
                permissions(*ADMIN_ACCESS),
                *(permissions(*perm) for perm in MODERATOR_TAXONOMY_PERMISSIONS),
                *(permissions(*perm) for perm in MODERATOR_SEARCH_PERMISSIONS),
                *permissions.all(*MODERATOR_EXTERNAL_ID),
            },
        )
    }

    ensured = ensure_workspaces(selected)
    for municipality in selected:
        workspace = ensured.workspaces[municipality.pk]
        grants[workspace.editor_group_id] = Grants(
            pages={
                (index_ids[municipality.pk], permissions("wagtailcore", name))
                for name in EDITOR_PAGE_PERMISSIONS
            },
            collections={
                (workspace.collection_id, permissions("wagtaildocs", name))
                for name in EDITOR_DOCUMENT_PERMISSIONS
            },
            global_permissions={permissions(*ADMIN_ACCESS)},
        )
    changed_groups = apply_grants(grants)

    touched = ensured.changed | new_indexes
    for municipality in selected:
        group_id = ensured.workspaces[municipality.pk].editor_group_id
        if municipality.pk in ensured.new_groups:
            report.municipalities.add(Outcome.CREATED)
        elif municipality.pk in touched or group_id in changed_groups:
            report.municipalities.add(Outcome.UPDATED)
        else:
            report.municipalities.add(Outcome.UNCHANGED)

    if moderators_created:
        report.moderators = Outcome.CREATED
    elif moderators.pk in changed_groups:
        report.moderators = Outcome.UPDATED
    report.workflow = ensure_workflow(home, moderators)
    return report


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
