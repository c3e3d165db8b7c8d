"""The address a request came from, as django-axes and the security log see it.

Behind the TLS proxy every request arrives from the proxy's address; the client's
is the entry the proxy appended to X-Forwarded-For. Only the entries added by the
TRUSTED_PROXY_HOPS proxies of our own are believed: anything further left was
sent by the client and can be forged, so a guesser cannot dodge the per-address
lockout by inventing addresses.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= hops:
            return entries[-hops]
    return request.META.get("REMOTE_ADDR", "")
