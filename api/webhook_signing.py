"""Signing webhook deliveries, and checking a signature the way a receiver should.

Every delivery carries two headers:

    Kennisbank-Webhook-Timestamp: 1767225600
    Kennisbank-Webhook-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">

keyed with the subscription's secret, over the exact bytes of the body. A receiver
recomputes the HMAC, compares in constant time, and **rejects a timestamp older
(or newer) than 5 minutes** (REPLAY_WINDOW): a captured request replayed later fails.
Receivers that must also refuse a replay inside the window keep the ``id`` of the
events they handled (each event's id is in the body).
"""

from __future__ import annotations

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "Kennisbank-Webhook-Timestamp"
SIGNATURE_HEADER = "Kennisbank-Webhook-Signature"
REPLAY_WINDOW = 300  # seconds
SCHEME = "sha256="


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return SCHEME + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: bytes, now: float | None = None) -> dict[str, str]:
    timestamp = int(now if now is not None else time.time())
    return {
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


def verify(
    secret: str,
    body: bytes,
    timestamp: str | None,
    signature_header: str | None,
    *,
    now: float | None = None,
    window: int = REPLAY_WINDOW,
) -> bool:
    """True when the signature is the secret's over this body and the timestamp is fresh."""
    if not timestamp or not signature_header or not timestamp.isdigit():
        return False
    now = now if now is not None else time.time()
    if abs(now - int(timestamp)) > window:
        return False
    return hmac.compare_digest(signature(secret, int(timestamp), body), signature_header)
