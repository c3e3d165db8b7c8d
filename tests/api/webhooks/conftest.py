"""A real HTTP receiver on loopback, partner tokens, subscriptions and a question."""

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import User

from api.models import PartnerToken, WebhookSubscription
from api.webhook_signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from municipalities.models import Municipality
from questions.events import Event
from questions.models import Invitation, Question


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    verified: bool

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A partner system's endpoint: checks the signature as a real receiver would.

    ``replies`` is consumed one per request (status, seconds to wait first); when it
    is empty the receiver answers 204. A bad signature gets 401.
    """

    secret: str = ""
    replies: list[tuple[int, float]] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", 0)))
        verified = verify(
            self.secret,
            body,
            handler.headers.get(TIMESTAMP_HEADER),
            handler.headers.get(SIGNATURE_HEADER),
        )
        self.received.append(Received(dict(handler.headers), body, verified))
        status, delay = self.replies.pop(0) if self.replies else (204, 0)
        if delay:
            time.sleep(delay)
        if not verified:
            status = 401
        handler.send_response(status)
        if status in (301, 302, 307):
            handler.send_header("Location", "http://127.0.0.1:9/elsewhere")
        handler.send_header("Content-Length", "0")
        handler.end_headers()


def _serve(receiver: Receiver) -> Iterator[Receiver]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            # The sender may have given up waiting (the timeout test).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                receiver.handle(self)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/kennisbank"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from _serve(Receiver())


@pytest.fixture
def second_receiver() -> Iterator[Receiver]:
    yield from _serve(Receiver())


@pytest.fixture
def third_receiver() -> Iterator[Receiver]:
    yield from _serve(Receiver())


@pytest.fixture
def zwolle(municipalities) -> Municipality:
    return Municipality.objects.get(cbs_code="GM0193")


@pytest.fixture
def token_owner(db) -> User:
    return User.objects.create_user("koppelbeheer", "koppelbeheer@utrecht.example.nl", "x")


def make_token(municipality: Municipality, owner: User | None = None) -> PartnerToken:
    token = PartnerToken(name=f"Zaaksysteem {municipality.name}", municipality=municipality)
    token.issue()
    token.created_by = owner
    token.save()
    return token


def subscribe(
    receiver: Receiver,
    municipality: Municipality,
    events=tuple(Event),
    owner: User | None = None,
) -> WebhookSubscription:
    subscription = WebhookSubscription(
        token=make_token(municipality, owner),
        events=[str(e) for e in events],
        target_url=receiver.url,
    )
    receiver.secret = subscription.new_secret()
    subscription.full_clean()
    subscription.save()
    return subscription


@pytest.fixture
def asker(utrecht) -> User:
    from municipalities.membership import set_membership

    user = User.objects.create_user("vrager", "vrager@utrecht.example.nl", "x")
    set_membership(user, utrecht)
    return user


@pytest.fixture
def question(asker, utrecht) -> Question:
    return Question.objects.create(
        asker=asker,
        municipality=utrecht,
        title="Hoe signaleren jullie schulden vroeg?",
        body="<p>Wij zoeken ervaringen met woningcorporaties.</p>",
    )


def invite(question: Question, municipality: Municipality, rank: int = 1) -> Invitation:
    return Invitation.objects.create(
        question=question,
        municipality=municipality,
        rank=rank,
        score=1.0,
        due_on=question.wanted_by,
    )
