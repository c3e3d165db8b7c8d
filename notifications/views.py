"""The user's own notifications: the list under the bell, opening one, marking read."""

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from notifications.kinds import label
from notifications.models import Notification

PER_PAGE = 25


def members_only(view):
    """Send an anonymous visitor to the member login, back here afterwards."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailcore_login"))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_GET
@members_only
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("pagina"))
    return TemplateResponse(
        request,
        "notifications/list.html",
        {
            "page_obj": page,
            "items": [(n, label(n.kind)) for n in page.object_list],
            "unread": notifications.unread().count(),
        },
    )


@require_GET
@members_only
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and follow its link (a link to this site only)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    target = notification.url
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
@members_only
def mark_all_read(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user).unread().update(read_at=timezone.now())
    return redirect("notifications:list")
