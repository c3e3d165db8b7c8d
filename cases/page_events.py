"""Moderator actions that take something away from a municipality are told to it.

Deleting a live casusblad removes a municipality's published work; making a
members-only page public shows its contact persons and details to everyone. Both
are legitimate Kennisredactie decisions, but the municipality's editors must hear
of them from us rather than from a reader. Wagtail already writes both into its
audit log (``wagtail.delete``, ``wagtail.view_restriction.delete``), from the admin
views, bulk actions and its page actions alike; this module listens to those log
entries, adds a line to the ``kennisbank.audit`` log and mails the editors through
the task worker once the change is committed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from accounts.mail import send_mail_task
from cases.models.pages import MunicipalityOwnedPage
from municipalities.membership import Role, members

logger = logging.getLogger("kennisbank.audit")

DELETED = "wagtail.delete"
RESTRICTION_REMOVED = "wagtail.view_restriction.delete"


def editors_of(municipality) -> QuerySet:
    """The active editors of the municipality (its memberships with the editor role)."""
    return members(municipality, Role.EDITOR)


@dataclass(frozen=True)
class PageEvent:
    """What happened, captured while the page still exists (a deletion removes it)."""

    kind: str  # "deleted" or "made_public"
    page_id: int
    title: str
    url: str
    admin_url: str
    municipality_name: str
    actor: str
    recipients: tuple[str, ...]


def _event_for(entry: PageLogEntry) -> PageEvent | None:
    if entry.action == DELETED:
        kind = "deleted"
    elif (
        entry.action == RESTRICTION_REMOVED
        and PageViewRestriction.objects.filter(
            # Wagtail logs before deleting, so the row still says what it was; the
            # entry's own data has the type the privacy form just set ("none").
            page_id=entry.page_id,
            restriction_type=PageViewRestriction.LOGIN,
        ).exists()
    ):
        kind = "made_public"
    else:
        return None
    page = Page.objects.filter(pk=entry.page_id).specific().first()
    if not isinstance(page, MunicipalityOwnedPage):
        return None
    if kind == "deleted" and not page.live:
        return None  # a draft that never went out takes nothing from readers
    actor = entry.user.get_username() if entry.user else "system"
    recipients = tuple(
        editors_of(page.municipality)
        .exclude(pk=entry.user_id)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return PageEvent(
        kind=kind,
        page_id=page.pk,
        title=page.title,
        url=page.full_url or "",
        admin_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailadmin_pages:edit", args=[page.pk]),
        municipality_name=page.municipality.name,
        actor=actor,
        recipients=recipients,
    )


def notify_editors(event: PageEvent) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if event.kind == "deleted":
            subject = _("Kennisbank: “%(title)s” was deleted") % {"title": event.title}
        else:
            subject = _("Kennisbank: “%(title)s” is now public") % {"title": event.title}
        body = render_to_string("cases/mail/page_event.txt", {"event": event})
    for address in event.recipients:
        send_mail_task.enqueue(subject=subject, body=body, to=[address])


@receiver(post_save, sender=PageLogEntry)
def report_page_event(sender, instance: PageLogEntry, created: bool, **kwargs) -> None:
    if not created:
        return
    event = _event_for(instance)
    if event is None:
        return
    logger.warning(
        "%s: page id=%s %r of %s by %s; %d editor(s) notified",
        event.kind,
        event.page_id,
        event.title,
        event.municipality_name,
        event.actor,
        len(event.recipients),
    )
    transaction.on_commit(lambda: notify_editors(event))
