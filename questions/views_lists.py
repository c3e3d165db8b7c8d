"""/vragen/mijn/ (the municipality's questions) and /vragen/uitnodigingen/ (the inbox).

"Mijn vragen" lists the questions of the asker's whole municipality, not only their
own: a question belongs to the municipality, so a colleague follows it up when the
asker is away. The inbox holds the invitations a knowledge broker (or, without
one, an editor) receives for their municipality, and those passed to them
personally; accepting is one button, declining and passing on have a page each,
so every action works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.listings import paginate
from municipalities.membership import members
from questions import access, lifecycle
from questions.forms import DeclineForm, PassOnForm
from questions.models import Invitation, Question
from questions.views_ask import members_only

PER_PAGE = 20


@members_only
def mine(request: HttpRequest) -> HttpResponse:
    municipality = access.affiliation(request.user).municipality
    questions = (
        Question.objects.filter(municipality=municipality)
        .select_related("asker")
        .annotate(
            answer_count=Count("answers", distinct=True),
            invited_count=Count("invitations", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )
    listing = paginate(request, questions, param="pagina", anchor="vragen", per_page=PER_PAGE)
    return TemplateResponse(
        request,
        "questions/mine.html",
        {"listing": listing, "municipality": municipality, "today": timezone.localdate()},
    )


@members_only
def inbox(request: HttpRequest) -> HttpResponse:
    invitations = access.inbox(request.user).select_related(
        "question", "question__municipality", "assignee", "municipality"
    )
    waiting = (
        access.waiting(request.user)
        .select_related("question", "question__municipality", "assignee", "municipality")
        .order_by("due_on", "pk")
    )
    handled = invitations.exclude(pk__in=waiting.values("pk")).order_by("-created_at", "-pk")[
        :PER_PAGE
    ]
    mine = access.affiliation(request.user)
    today = timezone.localdate()
    waiting = list(waiting)
    for invitation in waiting:
        invitation.overdue = invitation.due_on < today
    return TemplateResponse(
        request,
        "questions/inbox.html",
        {
            "waiting": waiting,
            "handled": list(handled),
            "municipality": mine.municipality,
            "receives": access.receives_for(request.user, mine.municipality),
        },
    )


def _invitation_for(request: HttpRequest, pk: int) -> Invitation:
    """An invitation in the user's inbox (any, for a moderator); anything else is a 404."""
    if not request.user.is_authenticated:
        raise Http404
    user = request.user
    reachable = Invitation.objects.all() if access.is_moderator(user) else access.inbox(user)
    return get_object_or_404(reachable.select_related("question"), pk=pk)


def _refused(request: HttpRequest, refused: lifecycle.Refused) -> HttpResponse:
    messages.error(request, refused.message)
    return redirect("questions:inbox")


@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation_for(request, pk)
    try:
        lifecycle.accept_invitation(request.user, invitation)
    except lifecycle.Refused as refused:
        return _refused(request, refused)
    messages.success(
        request,
        _("You accepted the question “%(title)s”. Answer it on the question's page.")
        % {"title": invitation.question.title},
    )
    return redirect("questions:detail", invitation.question_id)


@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation_for(request, pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.decline_invitation(request.user, invitation, form.cleaned_data["reden"])
        except lifecycle.Refused as refused:
            form.add_refusal(refused)
        else:
            messages.success(request, _("You declined the question. The asker sees your reason."))
            return redirect("questions:inbox")
    return _action_page(request, invitation, form, "questions/decline.html")


@require_http_methods(["GET", "POST"])
def pass_on(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation_for(request, pk)
    colleagues = (
        members(invitation.municipality)
        .exclude(pk=request.user.pk)
        .order_by("first_name", "last_name", "username")
    )
    form = PassOnForm(request.POST or None, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        try:
            passed = lifecycle.pass_on(request.user, invitation, **form.lifecycle_arguments())
        except lifecycle.Refused as refused:
            form.add_refusal(refused)
        else:
            if passed.assignee_id and passed.pk == invitation.pk:
                name = passed.assignee.get_full_name() or passed.assignee.get_username()
            else:
                name = passed.municipality.name
            messages.success(request, _("You passed the question on to %(name)s.") % {"name": name})
            return redirect("questions:inbox")
    return _action_page(request, invitation, form, "questions/pass_on.html")


def _action_page(request, invitation: Invitation, form, template: str) -> HttpResponse:
    if not access.can_act_on(request.user, invitation):
        messages.error(
            request,
            _("This invitation is already %(state)s.") % {"state": invitation.get_state_display()},
        )
        return redirect("questions:inbox")
    return TemplateResponse(
        request,
        template,
        {"invitation": invitation, "question": invitation.question, "form": form},
        status=400 if form.errors else 200,
    )
