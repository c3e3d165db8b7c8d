"""Admin sessions end after ADMIN_IDLE_TIMEOUT without a request.

An admin session left open on a shared or stolen laptop can publish and delete;
a member's session can only read, so members keep Django's ordinary session
length. Wagtail's editor pings the server while its tab is visible (editing
sessions), so someone writing a long text in an open editor counts as active; a
tab in the background does not keep the session alive.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

LAST_ACTIVITY_KEY = "kennisbank_last_activity"


def has_admin_access(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


class AdminIdleTimeoutMiddleware:
    """Logs an idle admin user out; the view then answers as for anyone logged out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_admin_access(request.user):
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            timeout = settings.ADMIN_IDLE_TIMEOUT.total_seconds()
            if last is not None and now - last > timeout:
                logout(request)
                minutes = int(timeout // 60)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)d minutes without activity.")
                    % {"minutes": minutes},
                )
            else:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
