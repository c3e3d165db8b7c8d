"""A user to notify, and an SMTP address where nothing listens (yet)."""

import socket
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from tests.mail_fixtures import Inbox


@pytest.fixture
def anna(django_user_model):
    return django_user_model.objects.create_user(
        "anna", "anna@utrecht.example.nl", "x", first_name="Anna", last_name="Jansen"
    )


class DownServer:
    """An SMTP port with nothing behind it until ``start()``: the mail server is down."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> Inbox:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self.inbox

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()


@pytest.fixture
def smtp_down(settings) -> Iterator[DownServer]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    server = DownServer(port)
    try:
        yield server
    finally:
        server.stop()
