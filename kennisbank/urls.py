from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cases import admin_scope_urls, document_serving
from cases.municipality_directory import municipality_directory
from kennisbank.health import health

handler400 = "api.error_views.bad_request"
handler403 = "api.error_views.permission_denied"
handler404 = "api.error_views.page_not_found"
handler500 = "api.error_views.server_error"

urlpatterns = [
    path("health", health, name="health"),
    # The partner API: no language prefix, no trailing slashes (api.urls).
    path("api/", include("api.urls", namespace="api")),
    path("django-admin/", admin.site.urls),
    # A few admin views wrapped so draft titles stay inside their municipality;
    # before Wagtail's admin URLs, which they shadow.
    path("admin/", include(admin_scope_urls)),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's serve view, wrapped for its caching headers (cases.document_serving);
    # the same path, so Document.url points here.
    re_path(r"^documents/(\d+)/(.*)$", document_serving.serve, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Uploaded media: from Django in development and in the demo (SERVE_MEDIA, DEBUG off).
# Never django.conf.urls.static here: it would serve documents/ around their checks;
# in production the proxy serves MEDIA_ROOT/images only, never MEDIA_ROOT/documents.
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            document_serving.serve_media,
        )
    ]

urlpatterns += i18n_patterns(
    path("gemeenten/", municipality_directory, name="municipality_directory"),
    path("vragen/", include("questions.urls", namespace="questions")),
    # /zoeken/ in Dutch, /en/search/ in English.
    path(pgettext_lazy("URL", "search/"), include("search.urls", namespace="search")),
    path("meldingen/", include("notifications.urls", namespace="notifications")),
    # /inzicht/ in Dutch, /en/insights/ in English: the exchange dashboard.
    path(pgettext_lazy("URL", "insights/"), include("insights.urls", namespace="insights")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
