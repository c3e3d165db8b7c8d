"""Rate limits: per partner token, and per client address for anonymous readers.

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] ("partner", "anonymous").
The counters live in Django's default cache, so with several worker processes
each keeps its own count unless that cache is shared.
"""

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from api.models import PartnerToken


class PartnerRateThrottle(SimpleRateThrottle):
    scope = "partner"

    def get_cache_key(self, request: Request, view) -> str | None:
        if not isinstance(request.auth, PartnerToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.key_id}


class AnonymousRateThrottle(SimpleRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request: Request, view) -> str | None:
        if isinstance(request.auth, PartnerToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
