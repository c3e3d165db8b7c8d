"""/vragen/nieuw/: "Stel een vraag", and the live panel beside it.

Only members ask (a question is put on behalf of a municipality); an anonymous
visitor is sent to the login, a logged-in user without a municipality gets a page
saying why they cannot ask and whom to ask for a membership. The form works
without JavaScript: the privacy findings and the panel are then shown after
submitting. With JavaScript (static/questions/ask.js) the same panel follows the
typing, from ``panel`` (POST, so the draft never lands in an access log).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from questions import access, ask_panel, lifecycle
from questions.forms import AskForm, text_to_html

BODY_PREVIEW_LIMIT = 10_000


def members_only(view):
    """Anonymous: to the login. Logged in without a municipality: why not (403)."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailcore_login"))
        if not access.can_ask(request.user):
            return TemplateResponse(request, "questions/not_a_member.html", status=403)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _panel_for(request: HttpRequest, data) -> ask_panel.Panel:
    return ask_panel.build(
        request.user,
        title=data.get("titel", "")[:300],
        body=text_to_html(data.get("vraag", "")[:BODY_PREVIEW_LIMIT]),
        themes=data.getlist("themas"),
        decentralisaties=data.getlist("decentralisaties"),
    )


@members_only
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """The form; prefilled from ?titel= (the search page's zero-result link)."""
    panel = None
    if request.method == "POST":
        form = AskForm(request.POST)
        if form.is_valid():
            try:
                question = lifecycle.ask(request.user, **form.lifecycle_arguments())
            except lifecycle.Refused as refused:
                form.add_refusal(refused)
            else:
                messages.success(
                    request,
                    _("Your question has been posted. It goes to the municipalities shown."),
                )
                return redirect("questions:detail", question.pk)
        panel = _panel_for(request, request.POST)
    else:
        form = AskForm(initial={"titel": request.GET.get("titel", "")[:200]})
    return TemplateResponse(
        request,
        "questions/ask.html",
        {
            "form": form,
            "panel": panel,
            "municipality": access.affiliation(request.user).municipality,
        },
    )


@members_only
@require_POST
def panel(request: HttpRequest) -> JsonResponse:
    """The live panel for the draft in the form: findings, similar pages, receivers."""
    built = _panel_for(request, request.POST)
    return JsonResponse(
        {
            "findings": {
                name: [
                    {
                        "kind": f.kind,
                        "start": f.start,
                        "end": f.end,
                        "excerpt": f.excerpt,
                        "message": f.message,
                        "blocking": f.blocking,
                    }
                    for f in found
                ]
                for name, found in built.findings.items()
            },
            "similar": [{"title": hit.title, "url": hit.url} for hit in built.similar],
            "answered": [
                {"title": question.title, "url": reverse("questions:detail", args=[question.pk])}
                for question in built.answered
            ],
            "receivers": [
                {
                    "municipality": c.municipality_name,
                    "code": c.municipality_code,
                    "sentence": c.sentence,
                }
                for c in built.receivers
            ],
            "html": render_to_string(
                "questions/includes/ask_panel.html", {"panel": built}, request
            ),
        }
    )
