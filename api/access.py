from rest_framework.permissions import AllowAny

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
