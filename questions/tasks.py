"""The background side of questions: routing a question once it is posted, and the
follow-up sweep (questions.followup) that runs for as long as the worker does."""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from questions.followup import sweep
from questions.invitations import invite
from questions.models import Question

DEFAULT_FOLLOWUP_MINUTES = 60  # between two sweeps (QUESTION_FOLLOWUP_MINUTES)


@task()
def route_question(question_id: int) -> int:
    """Invite the peers for a new question; the number invited (0 if already done)."""
    question = Question.objects.filter(pk=question_id).first()
    if question is None:  # withdrawn and deleted before the worker got to it
        return 0
    return len(invite(question))


@task()
def follow_up() -> dict:
    """One follow-up sweep, then the next one planned: a periodic task without cron."""
    report = sweep()
    schedule_follow_up(
        after=datetime.timedelta(
            minutes=getattr(settings, "QUESTION_FOLLOWUP_MINUTES", DEFAULT_FOLLOWUP_MINUTES)
        )
    )
    return dataclasses.asdict(report)


def schedule_follow_up(after: datetime.timedelta = datetime.timedelta(0)) -> bool:
    """Plan a sweep ``after`` from now, unless one is already waiting; True if planned.

    The worker calls it when it starts (questions' db_worker) and each sweep at its
    end, so one chain of sweeps runs whichever worker starts or dies: a sweep whose
    worker was killed is simply followed by the one the next worker start plans.
    A backend that cannot defer (the tests' immediate one) gets no chain.
    """
    backend = follow_up.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult  # only with the database backend

    waiting = DBTaskResult.objects.filter(
        task_path=follow_up.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    follow_up.using(run_after=timezone.now() + after).enqueue()
    return True
