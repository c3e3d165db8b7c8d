"""The embedded database serves the web server and the task worker at the same time."""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A scratch SQLite file with the project's options, outside the test database."""
    config = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "shared.sqlite3"),
        "OPTIONS": settings.SQLITE_OPTIONS,
    }
    with django_db_blocker.unblock():
        with connect("web", config).cursor() as cursor:
            cursor.execute("CREATE TABLE note (text TEXT)")
        yield config
        disconnect("web")


def connect(alias: str, config: dict) -> DatabaseWrapper:
    # Django's connection registry is per thread: each thread registers its own.
    connections[alias] = DatabaseWrapper(config, alias)
    return connections[alias]


def disconnect(alias: str) -> None:
    connections[alias].close()
    del connections[alias]


def test_a_writer_waits_for_the_other_instead_of_failing(sqlite_file):
    worker_has_lock, release = threading.Event(), threading.Event()
    failures: list[Exception] = []

    def worker() -> None:
        try:
            with transaction.atomic(using=connect("worker", sqlite_file).alias):
                with connections["worker"].cursor() as cursor:
                    cursor.execute("INSERT INTO note VALUES ('indexed')")
                worker_has_lock.set()
                release.wait(5)
        except Exception as error:  # reported to the test below
            failures.append(error)
        finally:
            disconnect("worker")

    thread = threading.Thread(target=worker)
    thread.start()
    assert worker_has_lock.wait(5), failures
    # The web request reads, then writes, while the worker holds the write lock: the
    # pattern that failed with "database is locked" before.
    threading.Timer(0.3, release.set).start()
    with transaction.atomic(using="web"), connections["web"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM note")
        cursor.execute("INSERT INTO note VALUES ('saved by an editor')")
    thread.join(5)
    assert failures == []
    with connections["web"].cursor() as cursor:
        cursor.execute("SELECT text FROM note ORDER BY rowid")
        assert [row[0] for row in cursor.fetchall()] == ["indexed", "saved by an editor"]


def test_the_file_database_uses_write_ahead_logging(sqlite_file):
    with connections["web"].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
