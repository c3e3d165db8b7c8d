"""``notify``: the one way to tell a user something, in the site and by e-mail.

    from notifications.dispatch import notify
    notify(user, kind="invitation.created", subject=..., text=..., url=question_url)

The notification and its e-mail (when the user wants it at once) are written in the
caller's transaction, so a rolled-back change tells nobody; the worker sends the
mail after the commit. A digest is planned for the user's next digest hour when
their first waiting notification arrives.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from notifications import digest
from notifications.mail import render_single
from notifications.models import SUBJECT_LIMIT, MailFrequency, Notification
from notifications.outbox import queue
from notifications.preferences import frequency_for
from notifications.tasks import send_digests, send_outbox


def notify(
    user: AbstractBaseUser,
    *,
    kind: str,
    subject: str,
    text: str,
    html: str | None = None,
    url: str = "",
    required: bool = False,
) -> Notification:
    """Tell ``user``; ``required`` for what their role must receive (ignores "off")."""
    mailing = frequency_for(user, kind, required=required)
    if not user.email or not user.is_active:
        mailing = MailFrequency.OFF
    with transaction.atomic():
        notification = Notification.objects.create(
            user=user,
            kind=kind,
            subject=subject[:SUBJECT_LIMIT],
            text=text,
            url=url,
            mailing=mailing,
        )
        if mailing == MailFrequency.IMMEDIATELY:
            notification.mail = queue(user, render_single(notification, html))
            notification.save(update_fields=["mail"])
            transaction.on_commit(send_outbox.enqueue)
        elif (
            mailing == MailFrequency.DAILY_DIGEST
            and send_digests.get_backend().supports_defer
            and Notification.objects.awaiting_digest().filter(user=user).count() == 1
        ):
            run_after = digest.next_digest_time()
            transaction.on_commit(lambda: send_digests.using(run_after=run_after).enqueue(user.pk))
    return notification
