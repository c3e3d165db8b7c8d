"""Deliveries to a real HTTP receiver on loopback: signed, retried, timed out, paused."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from api.models import WebhookDelivery, WebhookSubscription
from api.webhook_delivery import deliver_due, resume, retry_delay
from api.webhook_tasks import deliver_webhooks
from notifications.models import MailMessage, Notification
from questions.events import Event, announce
from questions.models import Answer
from tests.api.webhooks.conftest import invite, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def fire(django_capture_on_commit_callbacks):
    """Announce an event as the question flow does, running what waits for the commit."""

    def fire(event, question, subject=None):
        with django_capture_on_commit_callbacks(execute=True):
            announce(event, question, subject)

    return fire


def test_the_asking_municipality_receives_a_signed_event(receiver, question, utrecht, fire):
    subscribe(receiver, utrecht)
    fire(Event.QUESTION_CREATED, question)

    [request] = receiver.received
    assert request.verified
    assert request.headers["Content-Type"] == "application/json"
    body = request.json
    assert body["type"] == "question.created"
    assert body["data"]["question"] == {
        "id": question.pk,
        "title": "Hoe signaleren jullie schulden vroeg?",
        "state": "open",
        "wantedBy": question.wanted_by.isoformat(),
        "municipality": {"code": "GM0344", "name": "Utrecht"},
    }
    assert "body" not in body["data"]["question"]  # details are read through the API
    delivery = WebhookDelivery.objects.get()
    assert request.headers["Kennisbank-Webhook-Delivery"] == str(delivery.pk)
    assert delivery.status_code == 204 and delivery.attempts == 1
    assert delivery.delivered_at is not None and delivery.next_attempt_at is None
    assert delivery.response_ms is not None and delivery.last_error == ""


def test_each_party_hears_only_its_own_events(
    receiver, second_receiver, third_receiver, question, utrecht, amersfoort, zwolle, asker, fire
):
    outsider = third_receiver
    subscribe(receiver, utrecht)
    subscribe(second_receiver, amersfoort)
    subscribe(outsider, zwolle)

    fire(Event.QUESTION_CREATED, question)
    invitation = invite(question, amersfoort)
    fire(Event.INVITATION_CREATED, question, invitation)
    answer = Answer.objects.create(
        question=question, author=asker, municipality=amersfoort, body="<p>Zo.</p>"
    )
    fire(Event.ANSWER_CREATED, question, answer)
    fire(Event.QUESTION_RESOLVED, question, answer)

    def types(r):
        return [x.json["type"] for x in r.received]

    assert types(receiver) == ["question.created", "answer.created", "question.resolved"]
    assert types(second_receiver) == ["invitation.created", "question.resolved"]
    assert second_receiver.received[0].json["data"]["invitation"]["municipality"] == {
        "code": "GM0307",
        "name": "Amersfoort",
    }
    assert types(outsider) == []
    assert all(r.verified for r in receiver.received + second_receiver.received)


def test_a_subscription_gets_only_the_events_it_chose(receiver, question, utrecht, fire):
    subscribe(receiver, utrecht, events=[Event.QUESTION_RESOLVED])
    fire(Event.QUESTION_CREATED, question)
    assert receiver.received == [] and WebhookDelivery.objects.count() == 0
    fire(Event.QUESTION_RESOLVED, question)
    assert [r.json["type"] for r in receiver.received] == ["question.resolved"]


def test_a_revoked_token_gets_nothing(receiver, question, utrecht, fire):
    subscribe(receiver, utrecht).token.revoke()
    fire(Event.QUESTION_CREATED, question)
    assert receiver.received == [] and WebhookDelivery.objects.count() == 0


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_token_revoked_before_the_worker_runs_stops_the_delivery(
    receiver, question, utrecht, fire
):
    subscription = subscribe(receiver, utrecht)
    fire(Event.QUESTION_CREATED, question)
    subscription.token.revoke()
    assert deliver_due().delivered == 0
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at is None and delivery.delivered_at is None
    assert delivery.last_error == "The partner token is no longer valid."


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_request_only_records_the_delivery_and_the_worker_posts_it(
    receiver, question, utrecht, fire
):
    subscribe(receiver, utrecht)
    fire(Event.QUESTION_CREATED, question)
    assert receiver.received == []  # nothing was posted in the "request"
    assert WebhookDelivery.objects.pending().count() == 1
    assert DBTaskResult.objects.filter(task_path="api.webhook_tasks.deliver_webhooks").exists()
    assert deliver_due().delivered == 1  # what the worker then runs
    assert len(receiver.received) == 1


def test_a_500_is_retried_with_backoff_until_it_succeeds(receiver, question, utrecht, fire):
    subscription = subscribe(receiver, utrecht)
    receiver.replies = [(500, 0), (503, 0)]
    started = timezone.now()
    fire(Event.QUESTION_CREATED, question)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.status_code) == (1, 500)
    assert delivery.last_error == "HTTP 500 Internal Server Error"
    assert delivery.delivered_at is None
    assert delivery.next_attempt_at >= started + retry_delay(1)
    assert WebhookSubscription.objects.get().consecutive_failures == 1

    assert deliver_due().delivered == 0  # not yet due: the backoff is respected
    assert len(receiver.received) == 1

    second = delivery.next_attempt_at + timedelta(seconds=1)
    assert deliver_due(now=second).failed == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.status_code) == (2, 503)
    assert delivery.next_attempt_at == second + retry_delay(2)
    assert retry_delay(2) == 2 * retry_delay(1)

    assert deliver_due(now=delivery.next_attempt_at).delivered == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.status_code) == (3, 204)
    assert delivery.delivered_at is not None
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0
    # The same event each time, each time freshly signed.
    assert len({r.json["id"] for r in receiver.received}) == 1
    assert all(r.verified for r in receiver.received)


def test_a_receiver_that_does_not_answer_in_time_is_a_failure(
    settings, receiver, question, utrecht, fire
):
    settings.WEBHOOK_TIMEOUT = 0.5  # 5 s in production; the test need not wait that long
    subscribe(receiver, utrecht)
    receiver.replies = [(204, 1.5)]
    fire(Event.QUESTION_CREATED, question)
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is None and delivery.status_code is None
    assert "timed out" in delivery.last_error
    assert delivery.response_ms >= 500
    assert delivery.next_attempt_at is not None
    # The next attempt, answered at once, gets through.
    assert deliver_due(now=delivery.next_attempt_at).delivered == 1


def test_a_redirect_is_not_followed(receiver, question, utrecht, fire):
    subscribe(receiver, utrecht)
    receiver.replies = [(302, 0)]
    fire(Event.QUESTION_CREATED, question)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status_code == 302 and delivery.delivered_at is None
    assert len(receiver.received) == 1


def test_a_wrong_secret_is_refused_by_the_receiver(receiver, question, utrecht, fire):
    subscribe(receiver, utrecht)
    receiver.secret = "what the receiver was told long ago"
    fire(Event.QUESTION_CREATED, question)
    assert not receiver.received[0].verified
    assert WebhookDelivery.objects.get().status_code == 401


def test_a_delivery_is_given_up_after_the_last_attempt(settings, receiver, question, utrecht, fire):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    settings.WEBHOOK_PAUSE_AFTER = 100
    subscribe(receiver, utrecht)
    receiver.replies = [(500, 0)] * 5
    fire(Event.QUESTION_CREATED, question)
    now = timezone.now()
    for _ in range(4):
        now += timedelta(hours=7)
        deliver_due(now=now)
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 3 and delivery.next_attempt_at is None
    assert delivery.status == "opgegeven"
    assert len(receiver.received) == 3


def test_after_n_failures_in_a_row_the_subscription_pauses_and_its_owner_hears(
    settings, receiver, question, utrecht, token_owner, fire, smtp_server
):
    settings.WEBHOOK_PAUSE_AFTER = 3
    subscription = subscribe(receiver, utrecht, owner=token_owner)
    receiver.replies = [(500, 0)] * 3
    fire(Event.QUESTION_CREATED, question)
    fire(Event.QUESTION_RESOLVED, question)  # two deliveries fail: 2 in a row
    assert WebhookSubscription.objects.get().paused_at is None

    later = timezone.now() + timedelta(minutes=2)
    deliver_due(now=later)  # the third failure pauses it
    subscription.refresh_from_db()
    assert subscription.paused_at is not None
    assert subscription.consecutive_failures == 3
    assert len(receiver.received) == 3

    [notice] = Notification.objects.filter(user=token_owner)
    assert notice.kind == "webhook.paused"
    assert notice.subject == "Webhook van Zaaksysteem Utrecht gepauzeerd"
    assert receiver.url in notice.text
    assert MailMessage.objects.filter(to="koppelbeheer@utrecht.example.nl").exists()

    # While paused nothing is posted, and new events wait.
    fire(Event.ANSWER_CREATED, question)
    assert deliver_due(now=later + timedelta(hours=7)).delivered == 0
    assert len(receiver.received) == 3
    assert WebhookDelivery.objects.pending().count() == 3

    resume(subscription)
    assert deliver_webhooks.call() == 3
    assert WebhookDelivery.objects.pending().count() == 0
    assert WebhookSubscription.objects.get().consecutive_failures == 0


def test_without_an_owner_the_kennisredactie_hears_of_the_pause(
    settings, receiver, question, utrecht, moderator, fire
):
    settings.WEBHOOK_PAUSE_AFTER = 1
    subscribe(receiver, utrecht, owner=None)
    receiver.replies = [(500, 0)]
    fire(Event.QUESTION_CREATED, question)
    assert Notification.objects.get(user=moderator).kind == "webhook.paused"
