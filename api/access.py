from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request

from api.authentication import PartnerTokenAuthentication
from api.models import PartnerToken, Scope
from api.throttling import AnonymousRateThrottle, PartnerRateThrottle


class PartnerApi:
    """Mixin of every /api/v1 view: partner token, site session or anonymous, throttled.

    On the views rather than in DRF's global defaults, because Wagtail's admin API is
    DRF too and must keep the admin's own settings. The site's session counts too, so
    a logged-in member reading the API from the browser sees what the site shows them
    (GET only: DRF checks CSRF for anything that writes).
    """

    authentication_classes = (PartnerTokenAuthentication, SessionAuthentication)
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


def reader(request: Request):
    """Whom cases.visibility should see in the caller.

    A logged-in site user is who they are; a partner system is a member only with
    the ``cases:read`` scope, and reads public data like an anonymous caller without it.
    """
    if isinstance(request.auth, PartnerToken):
        if request.auth.has_scope(Scope.CASES_READ):
            return request.user
        return AnonymousUser()
    return request.user


def may_see_members_only(request: Request) -> bool:
    return bool(reader(request).is_authenticated)
