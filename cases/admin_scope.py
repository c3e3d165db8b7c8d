"""Draft titles stay inside their municipality, in every admin view that lists pages.

Wagtail's page explorer, search and page views already keep an editor to the pages
they may edit. A few admin views show a page's (draft) title to anyone with admin
access who names it: the page chooser (browsing, searching, and the "chosen"
step), the confirmation of a bulk action, and the "last edited" column of the page
types report; and the admin API lists every document of every collection. Here
each of them shows other municipalities' pages only when they are live
(cases.editorial_scope.pages_shown_in_admin), and documents only from the
collections the user may choose from. The chooser and the admin API have Wagtail
hooks; the views that have none are wrapped, at their own URLs, by
cases.admin_scope_urls.

A page outside the scope answers 404, as a page that does not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.views import chooser
from wagtail.admin.views.bulk_action import index as bulk_action_view
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from cases.editorial_scope import pages_shown_in_admin, scope_for_user


def restrict_page_chooser(pages: QuerySet, request: HttpRequest) -> QuerySet:
    """The construct_page_chooser_queryset hook: browse and search show scoped pages only."""
    return pages.filter(pk__in=pages_shown_in_admin(request.user).values("pk"))


def _ids(values: list[str]) -> set[int] | None:
    """The page ids of a query string, or None if one of them is not an id."""
    if not all(str(value).isdigit() for value in values):
        return None
    return {int(value) for value in values}


def _shown(request: HttpRequest, page_ids: list) -> bool:
    ids = _ids(page_ids)
    if ids is None:
        return False
    return pages_shown_in_admin(request.user).filter(pk__in=ids).count() == len(ids)


_browse = chooser.BrowseView.as_view()
_chosen_multiple = chooser.ChosenMultipleView.as_view()


def browse_page_chooser(request: HttpRequest, parent_page_id: int) -> HttpResponse:
    """The chooser's listing of one page's children: that page's title is shown too."""
    if not _shown(request, [parent_page_id]):
        raise Http404
    return _browse(request, parent_page_id=parent_page_id)


def chosen_pages(request: HttpRequest) -> HttpResponse:
    """The chooser's last step, which returns the titles of the ids it is given."""
    if not _shown(request, request.GET.getlist("id")):
        raise Http404
    return _chosen_multiple(request)


def page_bulk_action(request: HttpRequest, action: str) -> HttpResponse:
    """A bulk action's confirmation lists every page it is given, with its title.

    Bulk actions start from the page explorer and its search, which list only pages
    the user may edit (and their ancestors); so every id must be such a page. "All"
    (every page of a listing or a search) becomes the editable pages among them.
    """
    editable = page_permission_policy.instances_user_has_permission_for(request.user, "change")
    ids = request.GET.getlist("id")
    if "all" in ids:
        action_class = bulk_action_registry.get_bulk_action_class("wagtailcore", "page", action)
        if action_class is None:
            raise Http404
        parent = request.GET.get("childOf")
        if parent is not None and not parent.isdigit():
            raise Http404
        listing = action_class(request, Page).get_all_objects_in_listing_query(parent)
        query = request.GET.copy()
        query.setlist(
            "id",
            [str(pk) for pk in editable.filter(pk__in=list(listing)).values_list("pk", flat=True)],
        )
        query.pop("childOf", None)
        request.GET = query
    else:
        wanted = _ids(ids)
        if wanted is None or editable.filter(pk__in=wanted).count() != len(wanted):
            raise Http404
    return bulk_action_view(request, "wagtailcore", "page", action)


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """The page types report, whose "last edited" page is left blank when out of scope.

    The counts stay: how many casusbladen exist names no page.
    """

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        last_edited = [item.last_edited_page.pk for item in page_types if item.last_edited_page]
        shown = set(
            pages_shown_in_admin(self.request.user)
            .filter(pk__in=last_edited)
            .values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page is not None and item.last_edited_page.pk not in shown:
                item.last_edited_page = None
        return page_types


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin API's documents: those the user may choose, as in the document chooser."""

    def get_queryset(self):
        chosen = scope_for_user(self.request.user).documents
        return super().get_queryset().filter(pk__in=chosen.values("pk"))


def scope_admin_api(router) -> None:
    """The construct_admin_api hook: replaces Wagtail's documents endpoint."""
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
