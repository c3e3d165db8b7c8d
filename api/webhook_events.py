"""From a question event to delivery rows, and the body partner systems receive.

Connected to questions.events.question_event (ApiConfig.ready). The signal comes
after the question's transaction committed; the rows are written here and the
posting is left to the worker (api.webhook_tasks), never done in the request.

The body (lowerCamelCase, as the API):

    {"id": "<uuid of the event>", "type": "answer.created", "occurredAt": "...",
     "data": {"question": {...}, "answer": {...}}}
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from api.webhook_audience import audience
from api.webhook_models import WebhookDelivery, WebhookSubscription
from api.webhook_tasks import deliver_webhooks
from questions.events import Event
from questions.models import Answer, Invitation, Question


def _municipality(municipality) -> dict:
    return {"code": municipality.cbs_code, "name": municipality.name}


def _question(question: Question) -> dict:
    return {
        "id": question.pk,
        "title": question.title,
        "state": question.state,
        "wantedBy": question.wanted_by.isoformat(),
        "municipality": _municipality(question.municipality),
    }


def _subject(subject) -> dict:
    if isinstance(subject, Invitation):
        return {
            "invitation": {
                "id": subject.pk,
                "municipality": _municipality(subject.municipality),
                "state": subject.state,
                "dueOn": subject.due_on.isoformat(),
            }
        }
    if isinstance(subject, Answer):
        return {
            "answer": {
                "id": subject.pk,
                "municipality": _municipality(subject.municipality),
                "accepted": subject.accepted,
            }
        }
    return {}


def payload(event: Event, question: Question, subject) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "type": str(event),
        "occurredAt": timezone.now().isoformat(),
        "data": {"question": _question(question), **_subject(subject)},
    }


def record_deliveries(event: Event, question: Question, subject) -> list[WebhookDelivery]:
    """A delivery for every subscription to ``event`` in the event's audience.

    Subscriptions that are paused get their rows too (pending, sent when resumed),
    so a pause loses nothing; revoked (or expired) tokens get none.
    """
    event = Event(event)
    municipalities = audience(event, question, subject)
    if not municipalities:
        return []
    subscriptions = [
        subscription
        for subscription in WebhookSubscription.objects.filter(
            token__municipality_id__in=municipalities
        ).select_related("token")
        if event.value in subscription.events and subscription.token.is_active
    ]
    if not subscriptions:
        return []
    body = payload(event, question, subject)
    now = timezone.now()
    with transaction.atomic():
        deliveries = WebhookDelivery.objects.bulk_create(
            WebhookDelivery(subscription=s, event=event, payload=body, next_attempt_at=now)
            for s in subscriptions
        )
        transaction.on_commit(deliver_webhooks.enqueue)
    return deliveries


def on_question_event(sender, event, question, subject=None, **kwargs) -> None:
    record_deliveries(event, question, subject or question)
