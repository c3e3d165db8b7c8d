"""The OpenAPI 3 document of /api/v1, shaped to the ADR's Spectral rules.

drf-spectacular describes the endpoints; these hooks keep the document to the
partner API (not Wagtail's internal admin API) and add what every operation
shares: the `API-Version` header on each response, and problem+json for each
error the API can answer with (400 where there are parameters or a body, 401,
404, 406, 429, 500). The version comes from api.version, the one place it lives.
"""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularJSONAPIView

from api.access import PartnerApi
from api.version import API_PREFIX, API_VERSION

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    """The partner token in the document, as an optional bearer scheme."""

    target_class = "api.authentication.PartnerTokenAuthentication"
    name = "partnerToken"
    optional = True  # anonymous callers read public data

    def get_security_definition(self, auto_schema) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _("A partner token, kb_<key>_<secret>, made in the admin."),
        }


def only_partner_api(endpoints: list, **kwargs: Any) -> list:
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(f"{API_PREFIX}/")]


def _version_header() -> dict[str, Any]:
    return {
        "description": _("The full version of the API."),
        "schema": {"type": "string", "example": API_VERSION},
    }


def _problem_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "description": _("An error, as RFC 9457 problem details."),
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "format": "uri-reference", "example": "about:blank"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "instance": {"type": "string", "format": "uri-reference"},
            "code": {"type": "string"},
            "pointer": {
                "type": "string",
                "description": _("JSON pointer to the field at fault in the request body."),
            },
            "needsConfirmation": {
                "type": "boolean",
                "description": _("Personal data that the author may confirm (not a BSN)."),
            },
            "invalidParams": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "code", "reason"],
                    "properties": {
                        "name": {"type": "string"},
                        "code": {"type": "string"},
                        "reason": {"type": "string"},
                        "pointer": {"type": "string"},
                    },
                },
            },
        },
    }


def _errors(operation: dict[str, Any], path: str) -> dict[str, str]:
    errors = {
        "401": _("The token is wrong, malformed or revoked."),
        "406": _("The API answers in JSON only."),
        "429": _("Too many requests; see Retry-After."),
        "500": _("Something went wrong on our side."),
    }
    if operation.get("parameters") or "requestBody" in operation:
        errors["400"] = _("A parameter is invalid; see invalidParams.")
    if "{" in path or any(p.get("name") == "page" for p in operation.get("parameters", [])):
        errors["404"] = _("Not found.")
    return errors


def _without_empty_enums(operation: dict[str, Any]) -> None:
    # A choice read from the database (the provinces) has no values before the
    # reference data is imported; an empty enum is not valid OpenAPI.
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if schema.get("enum") == []:
            del schema["enum"]


def add_shared_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result["info"]["version"] = API_VERSION
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = _problem_schema()
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            _without_empty_enums(operation)
            responses = operation.setdefault("responses", {})
            for status, detail in _errors(operation, path).items():
                responses.setdefault(status, {"description": detail})
            for status, response in responses.items():
                response.setdefault("headers", {})["API-Version"] = _version_header()
                if status.startswith(("4", "5")):
                    response["content"] = {"application/problem+json": {"schema": PROBLEM_REF}}
    return result


class OpenApiDocument(PartnerApi, SpectacularJSONAPIView):
    """GET /api/v1/openapi.json, open to everyone, throttled like the API itself."""

    authentication_classes = ()
