"""The page editor's form, which refuses documents and pages outside the editor's scope.

The choosers only offer what cases.editorial_scope allows, but a form post can carry
any id; so the same scope is checked again on every save, for attachments, rich-text
document and page links and page relations alike.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from wagtail.models import Page

from cases.editorial_scope import (
    already_used,
    references_in_cleaned_data,
    scope_for_user,
)
from cases.models.limited_form import LimitedPageForm


class ScopedPageForm(LimitedPageForm):
    """A page form that keeps each editor inside their own municipality (and the limits)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._scope = scope_for_user(self.for_user) if self.for_user is not None else None
        if self._scope is None:
            return
        for name, field in self.fields.items():
            # A select of pages (a lesson's related cases) lists only pages in scope,
            # and the ones the page already has, so no draft title of another
            # municipality shows up among the options.
            if isinstance(field, forms.ModelMultipleChoiceField) and issubclass(
                field.queryset.model, Page
            ):
                current = self.initial.get(name) or []
                current_ids = [getattr(obj, "pk", obj) for obj in current]
                field.queryset = field.queryset.filter(
                    Q(pk__in=self._scope.pages.values("pk")) | Q(pk__in=current_ids)
                )

    def is_valid(self) -> bool:
        # After the inline formsets are cleaned too (ClusterForm.is_valid), so their
        # attachments are checked with the rest.
        valid = super().is_valid()
        if not valid or self._scope is None:
            return valid
        refused = self._scope.refused(references_in_cleaned_data(self), already_used(self.instance))
        for message in refused:
            self.add_error(None, message)
        return not refused
