"""The page shown when django-axes refuses a login: in Dutch, with when to try again."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """429 with the lockout page, on every login surface alike.

    The page does not say whether the account exists or whether the account or the
    address was locked: both would help a guesser.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    html = render_to_string("accounts/lockout.html", {"cooloff_minutes": minutes}, request)
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
