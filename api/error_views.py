"""Django's error handlers, answering with problem+json under /api/ and HTML elsewhere.

Unknown API routes and server errors never reach DRF's exception handler, so these
are the handler404/500 (and 400/403) of kennisbank.urls; outside /api/ they hand
over to Django's own views, which render the site's Dutch templates.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views import csrf, defaults

from api.problems import problem_response
from api.version import is_api_path


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_path(request.path_info):
        return problem_response(request, 400, _("The request could not be understood."))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_path(request.path_info):
        return problem_response(request, 403, _("You may not do this."))
    return defaults.permission_denied(request, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a session's write without its token. DRF checks the API's own
    views itself; this answers for the addresses it never reaches (unknown routes)."""
    if is_api_path(request.path_info):
        return problem_response(request, 403, _("You may not do this."))
    return csrf.csrf_failure(request, reason)


def page_not_found(request: HttpRequest, exception: Exception | None) -> HttpResponse:
    if is_api_path(request.path_info):
        return problem_response(request, 404, _("There is no resource at this address."))
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api_path(request.path_info):
        return problem_response(
            request, 500, _("Something went wrong on our side. Please try again later.")
        )
    return defaults.server_error(request)


def unknown_route(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Anything under /api/ that no endpoint matches, a trailing slash included.

    A route of its own so Django's APPEND_SLASH (which would redirect to Wagtail's
    catch-all page route) never applies under /api/: the ADR wants no trailing
    slashes, and a client that adds one gets a 404 problem, not a redirect.
    """
    return page_not_found(request, None)
