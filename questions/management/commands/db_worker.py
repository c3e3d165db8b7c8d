"""``manage.py db_worker``: django-tasks' database worker, which also keeps the
follow-up sweep going (questions.tasks.follow_up), so no cron outside the project
is needed: the worker that starts plans a sweep at once unless one is waiting."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from questions.tasks import schedule_follow_up


class Command(DatabaseWorker):
    help = "Run a database background worker, with the questions' follow-up sweep."

    def handle(self, *args, **options) -> None:
        schedule_follow_up()
        super().handle(*args, **options)
