"""Wagtail hooks that keep documents and draft titles where they belong.

Imported by cases.wagtail_hooks; the logic lives in the modules named here.
"""

from wagtail import hooks

from cases.document_serving import refuse_unless_allowed

# Before Wagtail's own collection check, so a refusal looks the same whatever the collection.
hooks.register("before_serve_document", refuse_unless_allowed, order=-10)
