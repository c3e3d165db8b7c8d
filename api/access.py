from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import AllowAny, BasePermission

from api.authentication import PartnerTokenAuthentication
from api.throttling import AnonymousRateThrottle, PartnerRateThrottle


class PartnerApi:
    """Mixin of every /api/v1 view: partner token or anonymous, throttled per caller.

    On the views rather than in DRF's global defaults, because Wagtail's admin API is
    DRF too and must keep the admin's session authentication.
    """

    authentication_classes = (PartnerTokenAuthentication,)
    permission_classes = (AllowAny,)
    throttle_classes = (PartnerRateThrottle, AnonymousRateThrottle)


def requires_scope(scope: str) -> type[BasePermission]:
    """A DRF permission: a partner token needs ``scope``; other callers are not judged here.

    People (session or anonymous) are left to the view's other permissions.
    """

    class HasScope(BasePermission):
        message = _("This token lacks the scope %(scope)s.") % {"scope": scope}

        def has_permission(self, request, view) -> bool:
            allows = getattr(request.user, "allows", None)
            return allows is None or allows(scope)

    HasScope.__name__ = f"HasScope_{scope.replace(':', '_')}"
    return HasScope
