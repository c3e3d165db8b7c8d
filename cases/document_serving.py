"""The one way a document's file leaves the server: Wagtail's serve view, behind a check.

``refuse_unless_allowed`` is a ``before_serve_document`` hook, so Wagtail's own view
asks cases.documents_access before it sends a byte; a refusal is the same 404 an
unknown id gets, so nobody learns that a confidential file exists, except where the
page that uses it would send an anonymous visitor to log in, and the document does
the same.

``serve`` wraps that view only to mark what it sends: a file that is not public is
``Cache-Control: private, no-store``, so no proxy or shared browser keeps a copy for
the next person. The decision travels on the request from the hook; a response
without one (a hook that did not run) is treated as private.

``serve_media`` is the development server's MEDIA_URL: it serves images and the
like, never the files under ``documents/``, which would bypass all of the above.
Production serves nothing from MEDIA_ROOT directly (WhiteNoise serves static files
only), and settings.WAGTAILDOCS_SERVE_METHOD keeps documents on the serve view even
with a storage that has URLs of its own.
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views import static
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.wagtail_hooks import require_wagtail_login

from cases.documents_access import Access, document_access

_ACCESS_ATTRIBUTE = "_kennisbank_document_access"
DOCUMENTS_DIRECTORY = "documents"


def refuse_unless_allowed(document, request: HttpRequest) -> HttpResponse | None:
    """The before_serve_document hook: 404, a login redirect, or go ahead."""
    access = document_access(document, request)
    setattr(request, _ACCESS_ATTRIBUTE, access)
    if access is Access.REFUSED:
        raise Http404
    if access is Access.LOGIN:
        response = require_wagtail_login(next=request.get_full_path())
        patch_cache_control(response, private=True, no_store=True)
        return response
    return None


def serve(request: HttpRequest, document_id: str, document_filename: str) -> HttpResponse:
    """Wagtail's document view, with caching headers that follow the decision."""
    response = wagtail_serve(request, document_id, document_filename)
    if getattr(request, _ACCESS_ATTRIBUTE, None) is Access.PUBLIC:
        # A cache may keep a public file, but must ask again each time: the page can
        # become members-only or be unpublished at any moment.
        patch_cache_control(response, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Files under MEDIA_ROOT for the development server, documents excepted."""
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised == DOCUMENTS_DIRECTORY or normalised.startswith(DOCUMENTS_DIRECTORY + "/"):
        raise Http404
    return static.serve(request, normalised, document_root=settings.MEDIA_ROOT)
