"""The mail outbox: queue a message with what it reports, send it from the worker.

Sending claims a message by moving its ``next_attempt_at`` forward by a lease in
one conditional UPDATE; only the worker whose update matched sends it, so a task
that runs twice (or two workers) sends nothing twice. A failure keeps the message
queued with the error and the next attempt after an exponential backoff (1 min,
2 min, 4 min, ... at most 6 h); after MAX_ATTEMPTS it is given up and stays listed.
A worker that dies mid-send leaves its claim to expire, after which the message
is tried again: a mail is sent at least once, and twice only if the worker died
between the server's "250 OK" and the database write.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Min
from django.utils import timezone

from notifications.mail import RenderedMail
from notifications.models import MailMessage, MailState

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
MAX_ATTEMPTS = 12  # about two days of retries
BATCH = 100


def retry_delay(attempts: int) -> timedelta:
    """After the n-th failed attempt: 1 min, 2 min, 4 min, ..., at most 6 h."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def queue(user: AbstractBaseUser, mail: RenderedMail) -> MailMessage:
    return MailMessage.objects.create(
        user=user,
        to=user.email,
        subject="".join(mail.subject.splitlines()),
        text=mail.text,
        html=mail.html,
        headers=mail.headers,
        next_attempt_at=timezone.now(),
    )


@dataclass(frozen=True)
class SendReport:
    sent: int
    failed: int
    next_attempt_at: datetime | None  # the earliest queued message still to try


def _claim(message_id: int, now: datetime) -> bool:
    return bool(
        MailMessage.objects.filter(
            pk=message_id, state=MailState.QUEUED, next_attempt_at__lte=now
        ).update(next_attempt_at=now + LEASE, attempts=F("attempts") + 1)
    )


def _email(message: MailMessage, connection) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        message.subject, message.text, None, [message.to], connection=connection
    )
    email.extra_headers.update(message.headers)
    if message.html:
        email.attach_alternative(message.html, "text/html")
    return email


def _failed(message: MailMessage, error: Exception, now: datetime) -> None:
    given_up = message.attempts >= MAX_ATTEMPTS
    logger.warning(
        "Mail %s to %s not sent (attempt %d%s): %s",
        message.pk,
        message.to,
        message.attempts,
        ", given up" if given_up else "",
        error,
    )
    MailMessage.objects.filter(pk=message.pk).update(
        state=MailState.FAILED if given_up else MailState.QUEUED,
        next_attempt_at=None if given_up else now + retry_delay(message.attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def send_due(now: datetime | None = None) -> SendReport:
    """Send the queued messages whose time has come (at most BATCH)."""
    now = now or timezone.now()
    due = MailMessage.objects.filter(state=MailState.QUEUED, next_attempt_at__lte=now)
    sent = failed = 0
    connection = get_connection()
    try:
        for message_id in due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[
            :BATCH
        ]:
            if not _claim(message_id, now):
                continue  # another worker has it
            message = MailMessage.objects.get(pk=message_id)
            try:
                _email(message, connection).send()
            except (smtplib.SMTPException, OSError) as error:
                failed += 1
                _failed(message, error, now)
                connection.close()  # a broken connection is opened anew for the next
                continue
            sent += 1
            MailMessage.objects.filter(pk=message_id).update(
                state=MailState.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
            )
    finally:
        connection.close()
    earliest = MailMessage.objects.filter(state=MailState.QUEUED).aggregate(
        at=Min("next_attempt_at")
    )["at"]
    return SendReport(sent, failed, earliest)
