"""The e-mails of notifications, rendered in Dutch: one notification, or a digest.

Every mail has an unsubscribe link (and the List-Unsubscribe headers of RFC 2369 and
RFC 8058, so a mail program can offer it) and a link to the preferences page. HTML
from the caller passes through bleach with a small allow-list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import bleach
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.kinds import label
from notifications.models import Notification
from notifications.preferences import EVERY_KIND
from notifications.unsubscribe_links import path_for

ALLOWED_TAGS = ["a", "p", "br", "strong", "em", "ul", "ol", "li", "blockquote"]
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_PROTOCOLS = ["https", "http", "mailto"]


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str
    headers: dict[str, str] = field(default_factory=dict)


def absolute(url: str) -> str:
    """A link that works from a mail: site paths get the site's base address."""
    if not url or "://" in url:
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + url.lstrip("/")


def clean_html(html: str) -> str:
    return bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
    )


def _render(template: str, context: dict) -> tuple[str, str]:
    text = render_to_string(f"notifications/mail/{template}.txt", context)
    html = render_to_string(f"notifications/mail/{template}.html", context)
    return text, html


def _links(user: AbstractBaseUser, kind: str) -> dict:
    unsubscribe = absolute(path_for(user, kind))
    return {
        "unsubscribe_url": unsubscribe,
        "preferences_url": absolute(reverse("notifications:preferences")),
        "headers": {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    }


def render_single(notification: Notification, html: str | None = None) -> RenderedMail:
    user = notification.user
    with translation.override(settings.LANGUAGE_CODE):
        links = _links(user, notification.kind)
        context = {
            "user": user,
            "notification": notification,
            "url": absolute(notification.url),
            "body_html": mark_safe(clean_html(html)) if html else None,  # noqa: S308 (bleached)
            "kind_label": label(notification.kind),
            **links,
        }
        text, html_body = _render("single", context)
        subject = _("Kennisbank: %(subject)s") % {"subject": notification.subject}
    return RenderedMail(subject, text, html_body, links["headers"])


def render_digest(user: AbstractBaseUser, notifications: list[Notification]) -> RenderedMail:
    with translation.override(settings.LANGUAGE_CODE):
        links = _links(user, EVERY_KIND)
        items = [(n, absolute(n.url)) for n in notifications]
        context = {"user": user, "items": items, **links}
        text, html_body = _render("digest", context)
        subject = ngettext(
            "Kennisbank: %(count)d new notification",
            "Kennisbank: %(count)d new notifications",
            len(notifications),
        ) % {"count": len(notifications)}
    return RenderedMail(subject, text, html_body, links["headers"])
