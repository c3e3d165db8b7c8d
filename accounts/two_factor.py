"""Who must use a second factor (TOTP), and the middleware that holds them to it.

A moderator's or superuser's password alone would let a guesser publish under any
municipality's name, so they cannot work without TOTP: until they have set up an
authenticator app, every page sends them to the enrolment page. Editors are offered
it (the account menu, "Two-step verification"); once anyone has set it up, it is
asked for after every login. The codes, devices and throttling of wrong codes are
django-otp's; the views are in accounts.two_factor_views.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware
from wagtail.models import GroupPagePermission

# Pages an unverified user may still open: the two-step pages themselves, logging
# out, and what the admin's login-style layout loads.
OPEN_URL_NAMES = {
    "kennisbank_2fa_verify",
    "kennisbank_2fa_setup",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "health",
}


def requires_two_factor(user) -> bool:
    """Superusers, and everyone who may publish pages (the Kennisredactie).

    Defined by the right to publish rather than by a group name, so a publishing
    group created later is covered too.
    """
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return GroupPagePermission.objects.filter(
        group__user=user, permission__codename="publish_page"
    ).exists()


def has_two_factor(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


class TwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (request.user.is_verified()), plus the policy above.

    An unverified user who has a device is sent to the code page; one who must
    have a device but has none, to the enrolment page. Everyone else passes.
    """

    # The platform is served by WSGI; the check below is synchronous.
    async_capable = False

    def __init__(self, get_response):
        super().__init__(get_response)
        self._is_async = False

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self._install_lazy_accessors(request)
        redirect = self._second_factor_redirect(request)
        return redirect or self.get_response(request)

    def _second_factor_redirect(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            if resolve(request.path_info).url_name in OPEN_URL_NAMES:
                return None
        except Resolver404:
            return None  # the 404 page shows nothing that needs a second factor
        if has_two_factor(user):
            return redirect_to_login(request.get_full_path(), reverse("kennisbank_2fa_verify"))
        if requires_two_factor(user):
            return redirect_to_login(request.get_full_path(), reverse("kennisbank_2fa_setup"))
        return None
