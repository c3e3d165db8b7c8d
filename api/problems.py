"""Errors as RFC 9457 problem details (`application/problem+json`), as the ADR requires.

Every error under /api/ has the same shape, whether DRF raised it (validation,
authentication, throttling, unknown page) or Django did (unknown route, server
error): `type`, `title`, `status`, `detail`, `instance`, and for bad input an
`invalidParams` list naming each parameter. A server error says nothing about the
code behind it.
"""

from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from api.version import is_api_path

PROBLEM_JSON = "application/problem+json"


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("Not authenticated"),
        403: _("Forbidden"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        415: _("Unsupported media type"),
        422: _("Unprocessable content"),
        429: _("Too many requests"),
        500: _("Internal server error"),
    }


def problem(status: int, detail: str, instance: str, **extensions: Any) -> dict[str, Any]:
    title = _titles().get(status) or HTTPStatus(status).phrase
    return {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extensions,
    }


def problem_response(request: HttpRequest, status: int, detail: str) -> JsonResponse:
    """A problem for errors that never reached DRF (unknown routes, server errors)."""
    return JsonResponse(
        problem(status, detail, request.path), status=status, content_type=PROBLEM_JSON
    )


def invalid_params(detail: Any, prefix: str = "") -> Iterator[dict[str, str]]:
    """DRF's nested validation errors as a flat list of {name, code, reason}."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "nonFieldErrors" if key == "non_field_errors" else str(key)
            yield from invalid_params(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(detail, list):
        for item in detail:
            yield from invalid_params(item, prefix)
    else:
        yield {
            "name": prefix or "nonFieldErrors",
            "code": getattr(detail, "code", "invalid"),
            "reason": str(detail),
        }


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler (status, WWW-Authenticate, Retry-After), then the body as a problem."""
    response = drf_exception_handler(exc, context)
    request = context["request"]
    if response is None or not is_api_path(request.path_info):
        # Not an API error (Django's handler500 answers, api.error_views), or another
        # DRF API, such as Wagtail's admin API, which keeps DRF's own shape.
        return response
    extensions: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError):
        detail = _("The request has invalid parameters.")
        extensions["invalidParams"] = list(invalid_params(exc.detail))
    else:
        detail = str(response.data.get("detail", "")) if isinstance(response.data, dict) else ""
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
        if isinstance(codes, str):
            extensions["code"] = codes
        # An exception may carry more of the problem (api.questions_refusals: a pointer).
        extensions.update(getattr(exc, "extensions", {}))
    response.data = problem(response.status_code, detail, request.path, **extensions)
    response.content_type = PROBLEM_JSON
    return response
