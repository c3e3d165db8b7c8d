"""Settings of the worker subprocess in tests/questions/test_followup_worker.py.

The test settings with the real database task backend (the database itself comes
from DATABASE_URL, as everywhere); with KB_STALL_SWEEP set, the test-only app that
stalls the sweep after its first send.
"""

import os

from kennisbank.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if os.environ.get("KB_STALL_SWEEP"):
    INSTALLED_APPS = [*INSTALLED_APPS, "tests.questions.slow_followup"]  # noqa: F405
