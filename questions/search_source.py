"""Resolved questions in search: "already answered", found beside casusbladen and lessen.

A question someone else already asked, with the answer its asker accepted, is the
quickest answer a new asker can get. Search sits below questions in the import
graph, so this module hands search what it needs (search.sources): the kind
``vraag`` and the current documents of given questions. Only resolved questions
whose asker chose a wider audience are indexed: "public once resolved" as public,
"all members" as members-only (the same visibility filter as pages); a question
kept between the parties never reaches the index.

The outbox row is written in the transaction that saves the question (``post_save``),
as for pages, so a resolution that commits always reaches the index, also when
Elasticsearch is down at that moment.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator

from cases.models.limits import SUMMARY_LIMIT
from questions import access
from questions.models import Answer, Question, QuestionState, QuestionVisibility
from search.documents import MEMBERS, PUBLIC, QUESTION, municipality_fields, terms
from search.highlights import plain_text
from search.indexing import record_changes
from search.sources import DocumentSource, SourceDocument, register

# Visibility of the question -> of its document. Absent: not indexed at all.
INDEXED_VISIBILITY = {
    QuestionVisibility.PUBLIC_WHEN_RESOLVED: PUBLIC,
    QuestionVisibility.MEMBERS: MEMBERS,
}


def indexable_questions(ids: Iterable[int] | None = None):
    questions = Question.objects.filter(
        state=QuestionState.RESOLVED, visibility__in=list(INDEXED_VISIBILITY)
    )
    if ids is not None:
        questions = questions.filter(pk__in=list(ids))
    return (
        questions.select_related("municipality")
        .prefetch_related("themes", "decentralisaties")
        .order_by("pk")
    )


def _url(question: Question) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("questions:detail", args=[question.pk])


def _version(question: Question) -> int:
    # Every save moves updated_at: the newest state of the question wins in the index.
    return int(question.updated_at.timestamp() * 1_000_000)


def documents(ids: Iterable[int] | None = None) -> Iterator[SourceDocument]:
    """The resolved questions among ``ids`` (all for None) that belong in the index."""
    questions = list(indexable_questions(ids))
    accepted = dict(
        Answer.objects.filter(question__in=questions, accepted=True).values_list(
            "question_id", "body"
        )
    )
    for question in questions:
        themes = terms(question.themes.all())
        resolved = question.resolved_at or question.updated_at
        fields = {
            "question_id": question.pk,
            "title": question.title,
            "summary": Truncator(plain_text(question.body)).chars(SUMMARY_LIMIT),
            "body": question.body,
            "answer": accepted.get(question.pk, ""),
            "themes": themes,
            "decentralisaties": terms(question.decentralisaties.all()),
            **municipality_fields(question.municipality),
            "visibility": INDEXED_VISIBILITY[question.visibility],
            "url": _url(question),
            "year": resolved.year,
            "first_published_at": resolved.isoformat(),
            "last_published_at": resolved.isoformat(),
            "suggest": [question.title, *(term["label"] for term in themes)],
        }
        yield question.pk, _version(question), fields


def _question_saved(sender, instance: Question, created: bool, update_fields=None, **kwargs):
    # A new question is open, so not indexable; any later save may resolve it, or
    # change what a resolved one shows or who may read it.
    if not created:
        record_changes([instance.pk], kind=QUESTION)


def _question_deleted(sender, instance: Question, **kwargs) -> None:
    record_changes([instance.pk], kind=QUESTION)


def connect() -> None:
    """Register the source with search and record every question change (ready())."""
    register(DocumentSource(kind=QUESTION, documents=documents, sees_members_only=access.is_member))
    post_save.connect(_question_saved, sender=Question, dispatch_uid="questions.search.saved")
    post_delete.connect(_question_deleted, sender=Question, dispatch_uid="questions.search.deleted")
