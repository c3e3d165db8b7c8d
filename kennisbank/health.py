"""GET /health: is this instance able to serve, and is its queue moving?

The vocabulary (pass / fail / warn, one entry per dependency) follows the IETF
health-check draft so load balancers and monitoring can read it without a parser
of their own.

Anyone may ask, so anonymous callers get each dependency's name and state only:
exception texts name hosts, users and versions, which help an attacker more than
a load balancer. Staff, and monitoring that sends the HEALTH_TOKEN from the
environment as ``Authorization: Bearer <token>``, get the details.
"""

import secrets
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult
from elasticsearch import ApiError, TransportError

from search.client import get_client, is_configured

# A health probe must answer quickly even when a dependency hangs.
PROBE_TIMEOUT_SECONDS = 2.0


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return {"status": "fail", "output": str(error)}
    return {"status": "pass", "vendor": connection.vendor}


def check_elasticsearch() -> dict:
    if not is_configured():
        return {"status": "pass", "output": "not configured"}
    try:
        health = get_client().options(request_timeout=PROBE_TIMEOUT_SECONDS).cluster.health()
    except (TransportError, ApiError) as error:
        return {"status": "fail", "output": f"{type(error).__name__}: {error}"}
    cluster_status = health["status"]
    return {
        "status": "fail" if cluster_status == "red" else "pass",
        "cluster_status": cluster_status,
    }


def check_task_queue(now: datetime | None = None) -> dict:
    try:
        pending = DBTaskResult.objects.ready()
        count = pending.count()
        oldest = pending.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except DatabaseError as error:
        return {"status": "fail", "output": str(error)}
    age = None
    if oldest is not None:
        age = round(((now or timezone.now()) - oldest).total_seconds(), 1)
    return {"status": "pass", "pending": count, "oldest_pending_age_seconds": age}


def may_see_details(request: HttpRequest) -> bool:
    if request.user.is_authenticated and request.user.is_staff:
        return True
    token = settings.HEALTH_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and secrets.compare_digest(given, token)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": check_database(),
        "elasticsearch": check_elasticsearch(),
        "task_queue": check_task_queue(),
    }
    failing = sorted(name for name, check in checks.items() if check["status"] == "fail")
    if not may_see_details(request):
        checks = {name: {"status": check["status"]} for name, check in checks.items()}
    body = {"status": "fail" if failing else "pass", "failing": failing, "checks": checks}
    return JsonResponse(body, status=503 if failing else 200)
