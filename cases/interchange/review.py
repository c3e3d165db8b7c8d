"""Imported changes as drafts for the Kennisredactie, instead of published at once (--as-draft).

A trusted migration publishes directly; a file from a partner system may be meant
to be reviewed first. Then each new or changed record becomes a revision that is
submitted to the page's workflow (Kennisredactie-review) the way an editor's
"Submit for review" does: a new page stays unpublished, an existing page keeps its
live version until a moderator approves. Only the content is reviewed: the owning
municipality (the page's place in the tree) and the members-only restriction are
not part of a Wagtail revision, and change at once, as they do in the admin.
"""

from enum import Enum

from wagtail.models import WorkflowState

from cases.models.pages import MunicipalityOwnedPage


class Review(Enum):
    """What a draft import does with the workflow."""

    # Start (or restart) the review; Wagtail mails the moderators, as for an editor.
    SUBMIT = "submit"
    # A dry run: the workflow must exist, but nothing starts, so no one gets a mail
    # about a page the rollback then removes.
    CHECK = "check"


def submit_for_review(page: MunicipalityOwnedPage, review: Review, *, user=None) -> None:
    """Save `page` as a new revision and put it before the page's workflow.

    A review still in progress is cancelled and started again on the new revision,
    and one that asked for changes resumes, as Wagtail's edit view does. `user` is
    who submits (None: the import, which acts for nobody in particular).
    """
    page.save_revision(user=user)
    workflow = page.get_workflow()
    if workflow is None:
        raise LookupError("no review workflow applies to this page (run setup_editors)")
    if review is Review.CHECK:
        return
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return
    if state is not None:
        state.cancel(user=user)
    workflow.start(page, user=user)


def version_under_review(page: MunicipalityOwnedPage) -> MunicipalityOwnedPage:
    """What a draft import compares a record with: the latest revision if not yet live.

    Re-importing the same file with --as-draft is then "unchanged", not a second
    submission of what already waits for review.
    """
    if not page.has_unpublished_changes:
        return page
    latest = page.get_latest_revision_as_object()
    # The revision holds the content; place and visibility are the page's own.
    latest.municipality = page.municipality
    return latest
