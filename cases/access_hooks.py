"""Wagtail hooks that keep documents and draft titles where they belong.

Imported by cases.wagtail_hooks; the logic lives in the modules named here.
"""

from wagtail import hooks

from cases.admin_scope import restrict_page_chooser, scope_admin_api
from cases.document_serving import refuse_unless_allowed

# Before Wagtail's own collection check, so a refusal looks the same whatever the collection.
hooks.register("before_serve_document", refuse_unless_allowed, order=-10)
hooks.register("construct_page_chooser_queryset", restrict_page_chooser)
# After wagtail.documents registers its endpoint, which this one replaces.
hooks.register("construct_admin_api", scope_admin_api, order=100)
