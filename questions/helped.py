"""'Heeft het geholpen?': the asker's later word on whether the accepted answer worked.

Rating an answer says whether it reads well; whether it helped shows only in
practice, weeks later. The follow-up sweep asks the asker some weeks after
resolution (questions.followup); the reply is kept on the accepted answer
(``Answer.helped``) and goes back to the answerers (questions.feedback). The asker
may correct the reply later; each reply is told again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from questions.events import Change, announce
from questions.lifecycle import Refused, clean_comment
from questions.models import Answer, Question, QuestionState


def accepted_answer(question: Question) -> Answer | None:
    return question.answers.filter(accepted=True).select_related("municipality").first()


def may_reply(user, question: Question) -> bool:
    """Only the asker, once the question is resolved."""
    return (
        user.is_authenticated
        and question.asker_id == user.pk
        and question.state == QuestionState.RESOLVED
    )


@transaction.atomic
def reply(user, question: Question, *, helped: bool, comment: str = "") -> Answer:
    """Store the asker's reply on the accepted answer and tell the answerers."""
    comment = clean_comment(comment)
    locked = Question.objects.select_for_update().get(pk=question.pk)
    answer = accepted_answer(locked)
    if not may_reply(user, locked) or answer is None:
        raise Refused(_("Only the asker of a resolved question can say whether it helped."))
    answer.helped = helped
    answer.helped_comment = comment
    answer.helped_at = timezone.now()
    answer.save(update_fields=["helped", "helped_comment", "helped_at"])
    announce(Change.HELPED_REPLIED, locked, answer)
    return answer
