from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from kennisbank.health import check_task_queue

pytestmark = pytest.mark.django_db
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CLOSED_PORT_URL = "http://127.0.0.1:9"
TOKEN = "monitoring-token-for-tests"


@task()
def noop() -> None:
    """Only enqueued, never run: gives the health check something pending."""


def get_health(client, **headers):
    response = client.get(reverse("health"), headers=headers)
    return response.status_code, response.json()


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("beheer", is_staff=True))
    return client


def test_all_up(staff_client, es_client):
    status, body = get_health(staff_client)
    assert status == 200
    assert body["status"] == "pass" and body["failing"] == []
    assert body["checks"]["database"]["status"] == "pass"
    assert body["checks"]["elasticsearch"]["cluster_status"] in {"green", "yellow"}
    assert body["checks"]["task_queue"] == {
        "status": "pass",
        "pending": 0,
        "oldest_pending_age_seconds": None,
    }


def test_elasticsearch_down_is_503_naming_it(staff_client):
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT_URL):
        status, body = get_health(staff_client)
    assert status == 503
    assert body["failing"] == ["elasticsearch"]
    assert body["checks"]["elasticsearch"]["status"] == "fail"
    assert "ConnectionError" in body["checks"]["elasticsearch"]["output"]
    assert body["checks"]["database"]["status"] == "pass"


def test_anonymous_callers_get_names_and_states_without_error_texts(client):
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT_URL, HEALTH_TOKEN=TOKEN):
        status, body = get_health(client)
        wrong_token = get_health(client, authorization="Bearer not-the-token")[1]
    assert status == 503
    assert body == {
        "status": "fail",
        "failing": ["elasticsearch"],
        "checks": {
            "database": {"status": "pass"},
            "elasticsearch": {"status": "fail"},
            "task_queue": {"status": "pass"},
        },
    }
    assert wrong_token == body


def test_the_health_token_shows_the_details(client):
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT_URL, HEALTH_TOKEN=TOKEN):
        status, body = get_health(client, authorization=f"Bearer {TOKEN}")
    assert status == 503
    assert "Connection refused" in body["checks"]["elasticsearch"]["output"]
    assert body["checks"]["database"]["vendor"]
    assert body["checks"]["task_queue"]["pending"] == 0


def test_no_token_configured_means_no_caller_gets_details_by_token(client):
    with override_settings(HEALTH_TOKEN=""):
        _, body = get_health(client, authorization="Bearer ")
    assert body["checks"]["database"] == {"status": "pass"}


def test_elasticsearch_not_configured_is_not_a_failure(staff_client):
    with override_settings(ELASTICSEARCH_URL=""):
        status, body = get_health(staff_client)
    assert status == 200
    assert body["checks"]["elasticsearch"] == {"status": "pass", "output": "not configured"}


@override_settings(TASKS=DATABASE_TASKS)
def test_task_queue_reports_pending_count_and_oldest_age(client):
    noop.enqueue()
    noop.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    queue = check_task_queue()
    assert queue["pending"] == 2
    assert 299 <= queue["oldest_pending_age_seconds"] <= 330


def test_health_is_never_cached_and_only_answers_get(client):
    response = client.get(reverse("health"))
    assert "no-cache" in response["Cache-Control"]
    assert client.post(reverse("health")).status_code == 405
