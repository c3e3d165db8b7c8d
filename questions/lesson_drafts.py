"""An accepted answer turned into a draft les: knowledge that stays after the question.

An answer helps one asker; a les helps everyone who meets the same problem later.
The author of an accepted answer, or a moderator, turns it into a draft les under
the answering municipality's index (the answer is that municipality's knowledge),
prefilled from the question and the answer, and submitted to the normal review
workflow (Kennisredactie-review), so it goes live only when a moderator approves,
like any les an editor writes. The answer keeps the link (``Answer.lesson``): a
second request opens the same draft instead of making another.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug

from cases.indexes import case_index_for
from cases.interchange.review import Review, submit_for_review
from cases.models import LessonPage
from cases.models.limits import SUMMARY_LIMIT
from cases.rich_text import sanitise_html
from questions import access
from questions.lifecycle import Refused
from questions.models import Answer
from search.highlights import plain_text


def _prefilled(answer: Answer, owner) -> LessonPage:
    question = answer.question
    body = sanitise_html(answer.body)
    return LessonPage(
        title=question.title,
        slug=slugify(question.title) or "les",
        summary=Truncator(plain_text(body)).chars(SUMMARY_LIMIT),
        body=body,
        live=False,
        owner=owner,
    )


@transaction.atomic
def draft_lesson(user, answer: Answer) -> tuple[LessonPage, bool]:
    """The draft les of ``answer``, made and submitted for review on first use.

    Returns the les and whether it was made now. Refused for anyone but the
    answer's author and the moderators, and for an answer that was not accepted.
    """
    locked = Answer.objects.select_for_update().select_related("question").get(pk=answer.pk)
    if not access.can_draft_lesson(user, locked):
        if not locked.accepted:
            raise Refused(_("Only an accepted answer can become a les."))
        raise Refused(_("Only the author of the answer or a moderator can make a les of it."))
    if locked.lesson_id is not None:
        return LessonPage.objects.get(pk=locked.lesson_id), False
    index = case_index_for(locked.municipality)
    lesson = _prefilled(locked, user)
    lesson.slug = find_available_slug(index, lesson.slug)
    lesson.themes = list(locked.question.themes.all())
    index.add_child(instance=lesson)
    submit_for_review(lesson, Review.SUBMIT, user=user)
    locked.lesson = lesson
    locked.save(update_fields=["lesson"])
    return lesson, True
