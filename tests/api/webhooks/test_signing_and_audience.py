"""The signature a receiver checks, the https rule, and who hears which event."""

import pytest
from django.core.exceptions import ValidationError

from api.webhook_audience import audience
from api.webhook_models import validate_target_url
from api.webhook_signing import REPLAY_WINDOW, signature, signed_headers, verify
from questions.events import Event
from questions.models import Answer, InvitationState
from tests.api.webhooks.conftest import invite

SECRET = "0f" * 32
BODY = b'{"id":"1","type":"question.created"}'
NOW = 1_767_225_600


def test_signature_is_hmac_sha256_over_timestamp_dot_body():
    import hashlib
    import hmac

    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert signature(SECRET, NOW, BODY) == f"sha256={expected}"
    headers = signed_headers(SECRET, BODY, now=NOW)
    assert headers == {
        "Kennisbank-Webhook-Timestamp": str(NOW),
        "Kennisbank-Webhook-Signature": f"sha256={expected}",
    }


def test_verify_accepts_the_real_thing_and_nothing_else():
    headers = signed_headers(SECRET, BODY, now=NOW)
    timestamp = headers["Kennisbank-Webhook-Timestamp"]
    signed = headers["Kennisbank-Webhook-Signature"]
    assert verify(SECRET, BODY, timestamp, signed, now=NOW + 10)
    assert not verify(SECRET, BODY + b" ", timestamp, signed, now=NOW)  # body changed
    assert not verify("another secret", BODY, timestamp, signed, now=NOW)
    assert not verify(SECRET, BODY, str(NOW + 1), signed, now=NOW)  # timestamp changed
    assert not verify(SECRET, BODY, timestamp, signed, now=NOW + REPLAY_WINDOW + 1)  # replayed
    assert not verify(SECRET, BODY, None, signed, now=NOW)
    assert not verify(SECRET, BODY, "gisteren", signed, now=NOW)
    assert not verify(SECRET, BODY, timestamp, signed.replace("sha256=", "sha1="), now=NOW)
    assert REPLAY_WINDOW == 300


@pytest.mark.parametrize(
    ("url", "loopback_http", "allowed"),
    [
        ("https://zaaksysteem.utrecht.nl/hooks", False, True),
        ("http://zaaksysteem.utrecht.nl/hooks", False, False),
        ("http://zaaksysteem.utrecht.nl/hooks", True, False),
        ("http://127.0.0.1:8080/hooks", True, True),
        ("http://127.0.0.1:8080/hooks", False, False),
        ("ftp://zaaksysteem.utrecht.nl/", True, False),
    ],
)
def test_only_https_or_loopback_http_in_dev(settings, url, loopback_http, allowed):
    settings.WEBHOOK_ALLOW_LOOPBACK_HTTP = loopback_http
    if allowed:
        validate_target_url(url)
    else:
        with pytest.raises(ValidationError):
            validate_target_url(url)


@pytest.mark.django_db
def test_audience_is_the_parties_only(question, utrecht, amersfoort, zwolle, asker):
    from municipalities.models import Municipality

    pekela = Municipality.objects.get(cbs_code="GM0765")
    to_amersfoort = invite(question, amersfoort)
    declined = invite(question, pekela, rank=2)
    declined.state = InvitationState.DECLINED
    declined.save()
    answer = Answer.objects.create(
        question=question, author=asker, municipality=amersfoort, body="<p>Zo.</p>"
    )

    assert audience(Event.QUESTION_CREATED, question, question) == {utrecht.pk}
    assert audience(Event.INVITATION_CREATED, question, to_amersfoort) == {amersfoort.pk}
    assert audience(Event.ANSWER_CREATED, question, answer) == {utrecht.pk}
    # Every invited municipality hears the outcome, also the one that declined.
    assert audience(Event.QUESTION_RESOLVED, question, answer) == {
        utrecht.pk,
        amersfoort.pk,
        pekela.pk,
    }
    assert zwolle.pk not in set().union(
        *(audience(e, question, answer) for e in Event if e != Event.INVITATION_CREATED)
    )
