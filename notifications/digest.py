"""The daily digest: one e-mail per user with the notifications they chose to bundle."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from notifications.mail import render_digest
from notifications.models import MailFrequency, Notification
from notifications.outbox import queue


def next_digest_time(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next NOTIFICATION_DIGEST_HOUR o'clock, local time (today's, if still ahead)."""
    now = timezone.localtime(now or timezone.now())
    at = now.replace(hour=settings.NOTIFICATION_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return at if at > now else at + datetime.timedelta(days=1)


def bundle(user_id: int) -> bool:
    """Queue one digest mail with the user's waiting notifications; False if none wait.

    The waiting rows are locked (PostgreSQL; SQLite's write transaction serialises),
    so two runs at once bundle each notification once.
    """
    with transaction.atomic():
        waiting = list(
            Notification.objects.awaiting_digest()
            .filter(user_id=user_id)
            .select_for_update()
            .order_by("created_at", "pk")
        )
        if not waiting:
            return False
        user = get_user_model().objects.get(pk=user_id)
        bundled = Notification.objects.filter(pk__in=[n.pk for n in waiting])
        if not user.email or not user.is_active:
            # Nobody to mail: the notifications stay in the site, off the digest.
            bundled.update(mailing=MailFrequency.OFF)
            return False
        bundled.update(mail=queue(user, render_digest(user, waiting)))
    return True


def send_digests(user_id: int | None = None) -> int:
    """Bundle the waiting notifications of one user, or of everyone; the number of mails."""
    if user_id is not None:
        user_ids = [user_id]
    else:
        user_ids = (
            Notification.objects.awaiting_digest().values_list("user_id", flat=True).distinct()
        )
    return sum(bundle(uid) for uid in list(user_ids))
