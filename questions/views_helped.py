"""/vragen/<id>/geholpen/: the asker says whether the accepted answer helped.

The link comes in the "heeft het geholpen?" notification; the page needs the
asker's login (members_only sends anyone else to the login page first). Whoever
is not the asker of the resolved question gets the 404 of a page that does not
exist, as on the question page.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from questions import helped, lifecycle
from questions.forms import HelpedForm
from questions.models import Question
from questions.views_ask import members_only


@members_only
@require_http_methods(["GET", "POST"])
def helped_page(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("municipality"), pk=pk)
    answer = helped.accepted_answer(question)
    if answer is None or not helped.may_reply(request.user, question):
        raise Http404
    initial = {}
    if answer.helped is not None:
        initial = {"geholpen": "ja" if answer.helped else "nee", "opmerking": answer.helped_comment}
    form = HelpedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            helped.reply(request.user, question, **form.lifecycle_arguments())
        except lifecycle.Refused as refused:
            form.add_refusal(refused)
        else:
            messages.success(request, _("Thank you: the answerers hear your reply."))
            return redirect("questions:detail", question.pk)
    status = 400 if request.method == "POST" else 200
    context = {"question": question, "answer": answer, "form": form}
    return TemplateResponse(request, "questions/helped.html", context, status=status)
