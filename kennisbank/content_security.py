"""The one exception to the strict script policy: Wagtail's own admin.

The site's pages run no inline script, so CONTENT_SECURITY_POLICY allows scripts
from this origin only. Wagtail 8's admin still writes some inline scripts into its
pages (the date and chooser widgets, the inline-panel set-up), so under /admin/
the policy adds 'unsafe-inline' for scripts and nothing else: external scripts,
connections, form targets and frames stay limited to this origin there too.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

ADMIN_SCRIPT_SOURCES = ["'self'", "'unsafe-inline'"]


class AdminScriptPolicyMiddleware:
    """Placed after csp.middleware.CSPMiddleware, so its change is in the header."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("wagtailadmin_home")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefix):
            response._csp_replace = {"script-src": ADMIN_SCRIPT_SOURCES}
        return response
