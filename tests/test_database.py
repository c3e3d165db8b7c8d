"""The suite runs on the database it was asked to run on."""

import os

import dj_database_url
import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_vendor_matches_database_url():
    url = os.environ.get("DATABASE_URL")
    if os.environ.get("CI", "").lower() == "true":
        assert url, "CI must run the suite on PostgreSQL: DATABASE_URL is not set"
    expected = dj_database_url.parse(url)["ENGINE"] if url else "django.db.backends.sqlite3"
    assert connection.settings_dict["ENGINE"] == expected
    if url and url.startswith("postgres"):
        # Guards against a silent fallback to SQLite when PostgreSQL was asked for.
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            assert cursor.fetchone()[0].startswith("PostgreSQL")
