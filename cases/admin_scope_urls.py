"""Wagtail admin URLs whose views are wrapped by cases.admin_scope.

Included under admin/ before Wagtail's own admin URLs, so these paths resolve here
first; Wagtail's URL names still reverse to the same paths.
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from cases import admin_scope

urlpatterns = [
    path(
        "choose-page/<int:parent_page_id>/",
        require_admin_access(admin_scope.browse_page_chooser),
    ),
    path("choose-page/chosen-multiple/", require_admin_access(admin_scope.chosen_pages)),
    path(
        "bulk/wagtailcore/page/<str:action>/",
        require_admin_access(admin_scope.page_bulk_action),
    ),
    path(
        "reports/page-types-usage/",
        require_admin_access(admin_scope.ScopedPageTypesUsageReportView.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        require_admin_access(admin_scope.ScopedPageTypesUsageReportView.as_view(results_only=True)),
    ),
]
