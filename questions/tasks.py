"""The background side of questions: routing a question once it is posted."""

from django_tasks import task

from questions.invitations import invite
from questions.models import Question


@task()
def route_question(question_id: int) -> int:
    """Invite the peers for a new question; the number invited (0 if already done)."""
    question = Question.objects.filter(pk=question_id).first()
    if question is None:  # withdrawn and deleted before the worker got to it
        return 0
    return len(invite(question))
