"""Every write through the API leaves a row in api.ApiWriteAudit, refusals included.

``AuditedWrites`` is a view mixin: a request that may write (anything but GET, HEAD
and OPTIONS) runs in one transaction with its audit row, written once DRF has turned
the outcome into a response. A success and its row commit together; a refusal (401,
403, 404, 409, 422, ...) rolls back whatever the lifecycle had begun (its own
savepoint) and still commits the row. A server error rolls back both: there is
nothing to record but the error, which the error log has.
"""

from __future__ import annotations

from django.db import transaction
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from api.audit_models import ApiWriteAudit
from api.models import PartnerToken


def record(request: Request, status: int, subject=None) -> ApiWriteAudit:
    """The audit row of one write request; ``subject`` is the object written or refused."""
    token = request.auth if isinstance(request.auth, PartnerToken) else None
    user = getattr(request, "user", None)
    if token is not None:
        user_id = token.account_id
    else:
        user_id = user.pk if user is not None and user.is_authenticated else None
    return ApiWriteAudit.objects.create(
        token=token,
        user_id=user_id,
        method=request.method,
        path=request.get_full_path()[:500],
        status=status,
        object_type=subject._meta.model_name if subject is not None else "",
        object_id=subject.pk if subject is not None else None,
    )


class AuditedWrites:
    """Mixin for API views that write: one audit row per write request (see module)."""

    audited_object = None
    reads_only = False  # True: a POST that only reads (a preview): no row

    def audit(self, subject) -> None:
        """Name the object this request writes (or tried to), for its audit row."""
        self.audited_object = subject

    def dispatch(self, request, *args, **kwargs):
        if request.method in SAFE_METHODS or self.reads_only:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            record(self.request, response.status_code, self.audited_object)
        return response
