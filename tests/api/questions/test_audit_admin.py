"""The API's write log in the Wagtail admin: moderators read it, nobody changes it."""

import pytest
from django.test import Client
from django.urls import reverse

from api.models import ApiWriteAudit

pytestmark = pytest.mark.django_db


@pytest.fixture
def audited(caller) -> ApiWriteAudit:
    caller("token A write").post(
        "/api/v1/questions",
        {"title": "Wie heeft ervaring?", "body": "<p>Graag.</p>"},
        content_type="application/json",
    )
    return ApiWriteAudit.objects.get()


@pytest.mark.parametrize(("role", "allowed"), [("moderator", True), ("broker (B)", False)])
def test_only_moderators_read_the_write_log(people, audited, role, allowed):
    client = Client()
    client.force_login(people[role])
    response = client.get(reverse("api_write_audit:index"))
    assert (response.status_code == 200) is allowed
    if allowed:
        assert "/api/v1/questions" in response.content.decode()
        assert "Zaaksysteem Amersfoort" in response.content.decode()


def test_the_write_log_is_read_only(people, audited):
    client = Client()
    client.force_login(people["moderator"])
    inspect = client.get(reverse("api_write_audit:inspect", args=[audited.pk]))
    assert inspect.status_code == 200
    assert client.get(reverse("api_write_audit:add")).status_code == 302  # refused
    assert client.get(reverse("api_write_audit:edit", args=[audited.pk])).status_code == 302
    assert client.post(reverse("api_write_audit:delete", args=[audited.pk])).status_code == 302
    assert ApiWriteAudit.objects.filter(pk=audited.pk).exists()
