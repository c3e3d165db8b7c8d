"""Webhooks in the Wagtail admin: moderators only, the secret once, a read-only log, replay."""

import pytest
from django.urls import reverse

from api.models import WebhookDelivery, WebhookSubscription
from questions.events import Event, announce
from tests.api.webhooks.conftest import make_token, subscribe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "allowed"), [("moderator", True), ("editor_a", False)])
def test_only_moderators_manage_webhooks(client, request, role, allowed):
    client.force_login(request.getfixturevalue(role))
    for name in ("webhook_subscriptions:index", "webhook_subscriptions:add"):
        assert (client.get(reverse(name)).status_code == 200) is allowed
    assert (client.get(reverse("webhook_deliveries:index")).status_code == 200) is allowed


def test_a_subscription_is_made_with_its_secret_shown_once(client, moderator, utrecht):
    token = make_token(utrecht)
    client.force_login(moderator)
    response = client.post(
        reverse("webhook_subscriptions:add"),
        {
            "token": token.pk,
            "events": ["question.created", "answer.created"],
            "target_url": "https://zaaksysteem.utrecht.nl/kennisbank",
        },
    )
    assert response.status_code == 200
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["question.created", "answer.created"]
    assert subscription.created_by == moderator
    assert len(subscription.secret) == 64
    assert subscription.secret in response.content.decode()
    edit = client.get(reverse("webhook_subscriptions:edit", args=[subscription.pk]))
    assert subscription.secret not in edit.content.decode()


def test_plain_http_to_another_host_is_refused_in_the_form(client, moderator, utrecht):
    client.force_login(moderator)
    response = client.post(
        reverse("webhook_subscriptions:add"),
        {
            "token": make_token(utrecht).pk,
            "events": ["question.created"],
            "target_url": "http://zaaksysteem.utrecht.nl/kennisbank",
        },
    )
    assert response.status_code == 200
    assert "Het adres moet beginnen met https://." in response.content.decode()
    assert WebhookSubscription.objects.count() == 0


def test_the_log_is_read_only_and_a_delivery_can_be_replayed(
    client, moderator, receiver, question, utrecht, django_capture_on_commit_callbacks
):
    subscribe(receiver, utrecht)
    with django_capture_on_commit_callbacks(execute=True):
        announce(Event.QUESTION_CREATED, question)
    original = WebhookDelivery.objects.get()
    client.force_login(moderator)

    index = client.get(reverse("webhook_deliveries:index")).content.decode()
    assert "question.created" in index
    assert client.get(reverse("webhook_deliveries:add")).status_code == 302  # refused
    inspect = client.get(reverse("webhook_deliveries:inspect", args=[original.pk]))
    assert inspect.status_code == 200
    assert "Deze levering opnieuw versturen" in inspect.content.decode()
    assert client.get(reverse("webhook_deliveries:replay", args=[original.pk])).status_code == 405

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("webhook_deliveries:replay", args=[original.pk]))
    replayed = WebhookDelivery.objects.exclude(pk=original.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("webhook_deliveries:inspect", args=[replayed.pk])
    assert replayed.replay_of == original and replayed.payload == original.payload
    assert replayed.delivered_at is not None
    assert [r.json["id"] for r in receiver.received] == [original.payload["id"]] * 2
    assert all(r.verified for r in receiver.received)


def test_an_editor_cannot_replay(
    client, editor_a, receiver, question, utrecht, django_capture_on_commit_callbacks
):
    subscribe(receiver, utrecht)
    with django_capture_on_commit_callbacks(execute=True):
        announce(Event.QUESTION_CREATED, question)
    delivery = WebhookDelivery.objects.get()
    client.force_login(editor_a)
    response = client.post(reverse("webhook_deliveries:replay", args=[delivery.pk]))
    # Wagtail turns the refusal into a redirect to the dashboard, with a message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert WebhookDelivery.objects.count() == 1


def test_unpausing_in_the_admin_sends_what_waited(
    client, moderator, receiver, question, utrecht, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    subscription = subscribe(receiver, utrecht)
    WebhookSubscription.objects.filter(pk=subscription.pk).update(paused_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        announce(Event.QUESTION_CREATED, question)
    assert receiver.received == []
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("webhook_subscriptions:edit", args=[subscription.pk]),
            {
                "token": subscription.token.pk,
                "events": ["question.created"],
                "target_url": subscription.target_url,
                "paused": "",
            },
        )
    assert response.status_code == 302
    assert WebhookSubscription.objects.get().paused_at is None
    assert [r.json["type"] for r in receiver.received] == ["question.created"]
