"""A refusal of questions.lifecycle as the API's problem: the status says why.

The lifecycle decides and says why in a ``Refused`` (questions.lifecycle); this only
translates, so a rule never lives here:

* personal data (``PrivacyRefused``): 422, with a JSON pointer to the field
  (``/body``) and the findings; a BSN always, other personal data until the body
  says ``privacyConfirmed: true``;
* the state forbids it (``conflict``: already accepted, no longer open): 409;
* a bad value in a named field: 400 with ``invalidParams``, as DRF's own validation;
* anything else is a refusal of the actor: 403.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status

from api.search import camel
from questions.lifecycle import PrivacyRefused, Refused


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The state of the resource does not allow this.")
    default_code = "conflict"


class PersonalData(exceptions.APIException):
    """422: the text holds personal data; ``extensions`` are merged into the problem."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "personal_data"

    def __init__(self, refused: PrivacyRefused) -> None:
        code = "personal_data_unconfirmed" if refused.needs_confirmation else "bsn"
        super().__init__(refused.message, code=code)
        pointer = f"/{camel(refused.field)}"
        self.extensions = {
            "pointer": pointer,
            "needsConfirmation": refused.needs_confirmation,
            "invalidParams": [
                {
                    "name": camel(field),
                    "pointer": f"/{camel(field)}",
                    "code": finding.kind,
                    "reason": finding.message,
                    "blocking": finding.blocking,
                    "start": finding.start,
                    "end": finding.end,
                }
                for field, findings in refused.findings.items()
                for finding in findings
            ],
        }


def as_problem(refused: Refused) -> exceptions.APIException:
    if isinstance(refused, PrivacyRefused):
        return PersonalData(refused)
    if refused.conflict:
        return Conflict(refused.message)
    if refused.field:
        return exceptions.ValidationError({camel(refused.field): [refused.message]})
    return exceptions.PermissionDenied(refused.message)


@contextmanager
def lifecycle_refusals() -> Iterator[None]:
    """Run a lifecycle call; its refusal leaves as the matching problem."""
    try:
        yield
    except Refused as refused:
        raise as_problem(refused) from refused
