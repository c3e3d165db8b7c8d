"""Mail leaves through the outbox, to a real SMTP server on loopback, exactly once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications import outbox
from notifications.dispatch import notify
from notifications.models import MailMessage, MailState, Notification
from notifications.tasks import send_outbox
from tests.mail_fixtures import body_of, subject_of

pytestmark = pytest.mark.django_db


def tell(user, **fields):
    values = {
        "kind": "question.answered",
        "subject": "Pekela heeft uw vraag beantwoord",
        "text": 'Lees het antwoord op "Schulden vroeg signaleren".',
        "url": "/vragen/1/",
    }
    return notify(user, **(values | fields))


def test_a_notification_is_mailed_through_smtp_after_the_commit(
    anna, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(anna, html="<p>Lees <a href='/vragen/1/'>het antwoord</a>.</p>")
        assert smtp_server.messages == []  # nothing leaves before the commit

    [message] = smtp_server.messages
    assert message["X-Envelope-To"] == "anna@utrecht.example.nl"
    assert subject_of(message) == "Kennisbank: Pekela heeft uw vraag beantwoord"
    text = body_of(message)
    assert "Beste Anna Jansen," in text
    assert 'Lees het antwoord op "Schulden vroeg signaleren".' in text
    assert "http://127.0.0.1:8000/vragen/1/" in text
    html = next(p for p in message.walk() if p.get_content_type() == "text/html")
    html = html.get_payload(decode=True).decode()
    assert '<a href="/vragen/1/">het antwoord</a>' in html
    assert "/meldingen/afmelden/" in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    mail = MailMessage.objects.get()
    assert (mail.state, mail.attempts, mail.last_error) == (MailState.SENT, 1, "")
    assert mail.sent_at is not None and mail.next_attempt_at is None
    assert Notification.objects.get().mail == mail == notification.mail


def test_html_from_the_caller_is_bleached(anna, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tell(anna, html='<p onclick="x()">Hoi<script>alert(1)</script></p>')
    html = MailMessage.objects.get().html
    assert "<script" not in html and "onclick" not in html
    assert "<p>Hoialert(1)</p>" in html


def test_a_rolled_back_change_mails_nobody(anna, smtp_server, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                tell(anna)
                raise RuntimeError("the question was not saved")
        except RuntimeError:
            pass
    assert callbacks == []
    assert MailMessage.objects.count() == Notification.objects.count() == 0
    assert smtp_server.messages == []


def test_smtp_down_keeps_the_mail_queued_and_sends_it_when_the_server_is_back(
    anna, smtp_down, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        tell(anna)

    mail = MailMessage.objects.get()
    assert mail.state == MailState.QUEUED
    assert mail.attempts == 1
    assert "ConnectionRefusedError" in mail.last_error
    assert mail.next_attempt_at >= before + outbox.retry_delay(1)

    # Before the backoff has passed nothing is tried, even with the server up.
    inbox = smtp_down.start()
    assert outbox.send_due().sent == 0
    assert MailMessage.objects.get().attempts == 1

    report = outbox.send_due(now=mail.next_attempt_at + timedelta(seconds=1))
    assert (report.sent, report.failed) == (1, 0)
    [message] = inbox.messages
    assert subject_of(message) == "Kennisbank: Pekela heeft uw vraag beantwoord"
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.last_error) == (MailState.SENT, 2, "")


def test_backoff_doubles_and_gives_up_after_the_last_attempt(anna, smtp_down):
    assert [outbox.retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8)
    ]
    assert outbox.retry_delay(30) == outbox.LONGEST_RETRY
    tell(anna)
    now = timezone.now()
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        report = outbox.send_due(now=now)
        assert report.failed == 1, attempt
        mail = MailMessage.objects.get()
        assert mail.attempts == attempt
        if attempt < outbox.MAX_ATTEMPTS:
            assert mail.next_attempt_at == now + outbox.retry_delay(attempt)
            now = mail.next_attempt_at
    assert (mail.state, mail.next_attempt_at) == (MailState.FAILED, None)
    assert "ConnectionRefusedError" in mail.last_error


def test_running_the_task_twice_sends_once(anna, smtp_server):
    tell(anna)
    tell(anna, subject="Utrecht heeft uw vraag ook beantwoord")
    assert send_outbox.call() == 2
    assert send_outbox.call() == 0
    assert sorted(subject_of(m) for m in smtp_server.messages) == [
        "Kennisbank: Pekela heeft uw vraag beantwoord",
        "Kennisbank: Utrecht heeft uw vraag ook beantwoord",
    ]


def test_a_message_claimed_by_another_worker_is_left_to_it(anna, smtp_server):
    tell(anna)
    now = timezone.now()
    mail = MailMessage.objects.get()
    assert outbox._claim(mail.pk, now)  # the other worker took it a moment ago
    assert outbox.send_due(now=now).sent == 0
    assert smtp_server.messages == []
    # Its claim expires if it died: then the message is tried again.
    assert outbox.send_due(now=now + outbox.LEASE + timedelta(seconds=1)).sent == 1
    assert len(smtp_server.messages) == 1


def test_a_user_without_an_address_gets_the_notification_without_mail(django_user_model):
    user = django_user_model.objects.create_user("zonder", "", "x")
    notification = tell(user)
    assert notification.mailing == "off"
    assert MailMessage.objects.count() == 0
    assert Notification.objects.filter(user=user).count() == 1
