"""The follow-up sweep in a real worker process, killed halfway: nothing lost, nothing twice.

The worker is ``manage.py db_worker`` in a subprocess, with the database task
backend, on the suite's own database: PostgreSQL when DATABASE_URL is set, else a
SQLite file the in-memory test database is copied into and back from (sqlite3's
backup API). Its start plans the sweep (questions' db_worker); the first run is
stalled after its first reminder (tests.questions.slow_followup) and killed with
SIGKILL, which leaves its transaction uncommitted; the second run finishes.
"""

from __future__ import annotations

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notifications.models import Notification
from questions.models import FollowUp, FollowUpKind, Invitation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WAIT_SECONDS = 90


class SharedDatabase:
    """The test database, reachable from a worker subprocess."""

    def __init__(self, folder: Path) -> None:
        self.sqlite = connection.vendor == "sqlite"
        self.file = folder / "worker.sqlite3"

    def url(self) -> str:
        if self.sqlite:
            return f"sqlite:///{self.file}"
        db = connection.settings_dict
        return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"

    def hand_over(self) -> None:
        if self.sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def take_back(self) -> None:
        if self.sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)

    def follow_ups(self) -> int:
        if not self.sqlite:
            return FollowUp.objects.count()
        with sqlite3.connect(self.file, timeout=20) as db:
            return db.execute("SELECT count(*) FROM questions_followup").fetchone()[0]


def worker(database: SharedDatabase, *, stall: bool) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.questions.worker_settings",
        "DATABASE_URL": database.url(),
    }
    env.pop("KB_STALL_SWEEP", None)
    if stall:
        env["KB_STALL_SWEEP"] = "1"
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"]
    return subprocess.Popen(
        [*command, "--no-reload", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_worker_killed_mid_sweep_loses_no_reminder_and_sends_none_twice(
    people, brokers, routed, settings, tmp_path
):
    settings.QUESTION_INVITATIONS = 3
    question = routed()
    today = timezone.localdate()
    question.invitations.update(due_on=today)  # every one gets its last reminder today
    database = SharedDatabase(tmp_path)
    database.hand_over()

    stalled = worker(database, stall=True)
    deadline = time.monotonic() + WAIT_SECONDS
    while database.follow_ups() < 1:
        if stalled.poll() is not None:
            pytest.fail(f"the worker ended before its first send:\n{stalled.communicate()[1]}")
        assert time.monotonic() < deadline, "no reminder sent in time"
        time.sleep(0.05)
    stalled.send_signal(signal.SIGKILL)
    stalled.wait(10)
    assert database.follow_ups() == 1  # killed after its first send, before the others

    finished = worker(database, stall=False)
    _out, errors = finished.communicate(timeout=WAIT_SECONDS)
    assert finished.returncode == 0, errors
    database.take_back()

    reminders = FollowUp.objects.filter(kind=FollowUpKind.REMINDER_DUE)
    assert sorted(reminders.values_list("invitation_id", flat=True)) == sorted(
        Invitation.objects.filter(question=question).values_list("pk", flat=True)
    )
    told = Counter(
        Notification.objects.filter(kind="invitation.due_today").values_list(
            "user__username", flat=True
        )
    )
    assert told == Counter(b.username for b in brokers.values())
    # The worker that finished planned the next sweep; the killed one's stays running.
    sweeps = DBTaskResult.objects.filter(task_path="questions.tasks.follow_up")
    assert Counter(sweeps.values_list("status", flat=True)) == Counter(
        {TaskResultStatus.RUNNING: 1, TaskResultStatus.SUCCESSFUL: 1, TaskResultStatus.READY: 1}
    )


def test_the_worker_start_plans_one_sweep_and_each_sweep_plans_the_next(settings):
    from django.core.management import call_command

    from questions.tasks import schedule_follow_up

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert schedule_follow_up() is True
    assert schedule_follow_up() is False  # one is waiting already: no second chain

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    sweeps = DBTaskResult.objects.filter(task_path="questions.tasks.follow_up")
    done, planned = (
        sweeps.get(status=TaskResultStatus.SUCCESSFUL),
        sweeps.get(status=TaskResultStatus.READY),
    )
    assert planned.run_after - done.finished_at >= datetime.timedelta(minutes=59)
