"""The test suite: PostgreSQL when DATABASE_URL is set (CI), SQLite otherwise."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "kennisbank-test-suite"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Tests point at the local node started by scripts/elasticsearch.sh and use their
# own index prefix, so a developer's demo indices are never touched (and two suites
# sharing one node can each take their own: TEST_INDEX_PREFIX).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("TEST_INDEX_PREFIX", "kennisbank-test")
ELASTICSEARCH_TIMEOUT = 10.0

# Tasks run inline so a test sees their effect; the database backend itself is
# exercised by tests that override this setting.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Moderators and superusers log in with force_login all over the suite; the tests
# of two-step verification (tests/accounts) switch the requirement back on.
TWO_FACTOR_REQUIRED = False

# The tests' webhook receivers listen on loopback over plain http.
WEBHOOK_ALLOW_LOOPBACK_HTTP = True
