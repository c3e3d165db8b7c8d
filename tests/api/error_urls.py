"""A test-only URLconf: the real one plus views that fail, for the 403 and 500 shapes."""

from django.urls import path
from rest_framework import exceptions
from rest_framework.views import APIView

from kennisbank import urls


class Forbidden(APIView):
    def get(self, request):
        raise exceptions.PermissionDenied()


class Broken(APIView):
    def get(self, request):
        raise RuntimeError("secret internals: /srv/app/settings.py")


urlpatterns = [
    path("api/v1/test-forbidden", Forbidden.as_view()),
    path("api/v1/test-broken", Broken.as_view()),
    *urls.urlpatterns,
]
handler404 = urls.handler404
handler500 = urls.handler500
