"""The password-reset mail is sent by the task worker, not inside the request."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.mail_fixtures import body_of

# serialized_rollback, like every transactional test here: the flush afterwards would
# otherwise leave the next serialized test with clashing content types.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "redacteur", "redacteur@voorbeeld.nl", "oud-wachtwoord-123", is_staff=True
    )


def test_reset_mail_is_queued_then_delivered_by_the_worker(client, editor, settings, smtp_server):
    settings.TASKS = DATABASE_TASKS
    settings.WAGTAILADMIN_BASE_URL = "https://kennisbank.example.nl"

    response = client.post(reverse("wagtailadmin_password_reset"), {"email": editor.email})

    assert response.status_code == 302
    assert smtp_server.messages == [] and mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "accounts.mail.send_mail_task"
    assert "https://kennisbank.example.nl/admin/password_reset/confirm/" in str(queued.args_kwargs)

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    [message] = smtp_server.messages
    assert message["To"] == "redacteur@voorbeeld.nl"
    assert message["X-Envelope-To"] == "redacteur@voorbeeld.nl"
    assert "https://kennisbank.example.nl/admin/password_reset/confirm/" in body_of(message)
    # The worker also plans the question follow-up sweep when it starts (questions.tasks).
    mail_task = DBTaskResult.objects.get(task_path="accounts.mail.send_mail_task")
    assert mail_task.status == "SUCCESSFUL"


def test_unknown_address_queues_nothing_and_looks_the_same(client, editor, settings):
    settings.TASKS = DATABASE_TASKS
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": "x@voorbeeld.nl"})
    assert response.status_code == 302
    assert not DBTaskResult.objects.exists()
