"""/vragen/<id>/: the question, its answers, and what the reader may do with them.

Whoever may not read the question gets the 404 of a page that does not exist (not
a 403, which would confirm there is a question). The routing reasons (who was
invited and why) are shown to the asking municipality and the moderators only.
Casusbladen and lessen an answer links to are listed as far as the reader may see
them, so a members-only page's title never reaches an anonymous reader of a
resolved public question.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from cases.visibility import visible_pages
from questions import access, lesson_drafts, lifecycle
from questions.forms import AnswerForm, RateForm
from questions.models import Answer, Question
from search.highlights import plain_text
from search.service import SearchRequest, search

REFERENCE_CHOICES = 8


def _question_for(request: HttpRequest, pk: int) -> Question:
    questions = access.visible_questions(request.user).select_related("municipality", "asker")
    return get_object_or_404(questions, pk=pk)


def _reference_choices(question: Question) -> list:
    """Casusbladen and lessen an answerer may refer to: the best hits for the question."""
    draft = f"{question.title} {plain_text(question.body)}"
    return search(
        SearchRequest(q=draft, members=True, page_size=REFERENCE_CHOICES, whole_text=True)
    ).hits


def _answers(request: HttpRequest, question: Question) -> list[Answer]:
    answers = list(
        question.answers.select_related("author", "municipality").prefetch_related("linked_pages")
    )
    linked_ids = {page.pk for answer in answers for page in answer.linked_pages.all()}
    readable = {
        page.pk: page
        for page in visible_pages(Page.objects.filter(pk__in=linked_ids), request.user).specific()
    }
    for answer in answers:
        answer.readable_pages = [
            readable[p.pk] for p in answer.linked_pages.all() if p.pk in readable
        ]
    return answers


def _render(request, question, *, answer_form=None, rate_forms=None, status=200) -> HttpResponse:
    user = request.user
    can_answer = access.can_answer(user, question)
    if can_answer and answer_form is None:
        answer_form = AnswerForm(pages=_reference_choices(question))
    answers = _answers(request, question)
    rate_forms = rate_forms or {}
    for answer in answers:
        answer.may_accept = access.can_accept(user, answer) and not any(a.accepted for a in answers)
        answer.may_draft_lesson = access.can_draft_lesson(user, answer)
        answer.rate_form = (
            rate_forms.get(answer.pk)
            or RateForm(
                initial={"beoordeling": answer.rating, "opmerking": answer.rating_comment},
                prefix=f"beoordeling-{answer.pk}",
            )
            if access.can_rate(user, answer)
            else None
        )
    mine = access.affiliation(user)
    my_invitation = (
        question.invitations.filter(municipality=mine.municipality).first() if mine else None
    )
    context = {
        "question": question,
        "answers": answers,
        "answer_form": answer_form if can_answer else None,
        "invitations": (
            question.invitations.select_related("municipality", "assignee").order_by("rank")
            if access.can_see_invitations(user, question)
            else None
        ),
        "my_invitation": my_invitation,
        "may_act": my_invitation is not None and access.can_act_on(user, my_invitation),
        "may_close": access.can_close(user, question),
        "parent": "questions:mine" if mine else "",
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, "questions/question.html", context, status=status)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _question_for(request, pk))


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_for(request, pk)
    if not access.can_answer(request.user, question):
        raise Http404
    form = AnswerForm(request.POST, pages=_reference_choices(question))
    if form.is_valid():
        try:
            lifecycle.answer(request.user, question, **form.lifecycle_arguments())
        except lifecycle.Refused as refused:
            form.add_refusal(refused)
        else:
            messages.success(request, _("Your answer has been posted. The asker hears of it."))
            return redirect("questions:detail", question.pk)
    return _render(request, question, answer_form=form, status=400)


def _answer_for(request: HttpRequest, pk: int) -> Answer:
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    if not access.can_view(request.user, answer.question):
        raise Http404
    return answer


def _act_and_return(request: HttpRequest, action, question_id: int, done: str) -> HttpResponse:
    """Run a one-button action; its outcome (or refusal) is told on the question page."""
    try:
        action(request.user)
    except lifecycle.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, done)
    return redirect("questions:detail", question_id)


@require_POST
def accept_answer(request: HttpRequest, pk: int) -> HttpResponse:
    answer = _answer_for(request, pk)
    done = _("You accepted the answer. The question is resolved.")
    return _act_and_return(
        request, partial(lifecycle.accept_answer, answer=answer), answer.question_id, done
    )


@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    answer = _answer_for(request, pk)
    if not access.can_rate(request.user, answer):
        raise Http404
    form = RateForm(request.POST, prefix=f"beoordeling-{answer.pk}")
    if form.is_valid():
        try:
            lifecycle.rate(request.user, answer, **form.lifecycle_arguments())
        except lifecycle.Refused as refused:
            form.add_refusal(refused)
        else:
            messages.success(request, _("Thank you: the answerer sees your rating."))
            return redirect("questions:detail", answer.question_id)
    return _render(request, answer.question, rate_forms={answer.pk: form}, status=400)


@require_POST
def draft_lesson(request: HttpRequest, pk: int) -> HttpResponse:
    """Make (or open) the draft les of an accepted answer, in the Wagtail editor.

    An author who may not edit pages of their municipality (no editor) cannot open
    the editor: they are told the draft waits for the editorial team and its review.
    """
    answer = _answer_for(request, pk)
    try:
        lesson, made = lesson_drafts.draft_lesson(request.user, answer)
    except lifecycle.Refused as refused:
        messages.error(request, refused.message)
        return redirect("questions:detail", answer.question_id)
    if made:
        messages.success(request, _("A draft les has been made and submitted for review."))
    if lesson.permissions_for_user(request.user).can_edit():
        return redirect("wagtailadmin_pages:edit", lesson.pk)
    messages.info(
        request,
        _("The draft les “%(title)s” waits for the editors of %(municipality)s and the review.")
        % {"title": lesson.title, "municipality": answer.municipality},
    )
    return redirect("questions:detail", answer.question_id)


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question_for(request, pk)
    done = _("The question is closed.")
    return _act_and_return(request, partial(lifecycle.close, question=question), question.pk, done)
