"""The members' dashboard on the site (/inzicht/, /en/insights/) and the CSV export.

Every member (a user acting for a municipality) and the Kennisredactie read it;
an anonymous visitor is sent to the login, a logged-in account without a
municipality gets the page that says why (as the question pages do). The
Kennisredactie sees the per-municipality table here too; it has its own page in
the admin (insights.admin_views).
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.editors import is_moderator
from insights import dashboard
from insights.forms import PeriodForm
from insights.tables import csv_response
from questions import access


def figures_or_csv(request: HttpRequest, *, every_municipality: bool) -> dict | HttpResponse:
    """The template context for the period asked for, or the CSV of ``?format=csv&tabel=``.

    A CSV of bad dates is refused (400): a download of other dates than asked for
    would mislead; the page instead shows the default period beside the message.
    """
    form = PeriodForm(request.GET)
    mine = access.affiliation(request.user)
    own = mine.municipality if mine is not None else None
    built = dashboard.build(form.period, every_municipality=every_municipality, own=own)
    if request.GET.get("format") == "csv":
        if not form.is_valid():
            return HttpResponseBadRequest(
                " ".join(str(error) for errors in form.errors.values() for error in errors),
                content_type="text/plain; charset=utf-8",
            )
        found = built.table(request.GET.get("tabel", ""))
        if found is None:
            return HttpResponseBadRequest(
                _("There is no table of that name."), content_type="text/plain; charset=utf-8"
            )
        period = built.period
        filename = f"kennisbank-{found.slug}-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.csv"
        return csv_response(found, filename)
    period = urlencode({"van": built.period.start.isoformat(), "tot": built.period.end.isoformat()})
    return {"form": form, "dashboard": built, "own": own, "period_query": period}


@require_GET
def insights(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailcore_login"))
    moderator = is_moderator(request.user)
    if not moderator and not access.can_ask(request.user):
        return TemplateResponse(request, "questions/not_a_member.html", status=403)
    result = figures_or_csv(request, every_municipality=moderator)
    if isinstance(result, HttpResponse):
        return result
    return TemplateResponse(request, "insights/insights.html", result)
