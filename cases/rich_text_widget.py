"""Draftail's widget, reading what is posted defensively (used by cases.models.limited_form).

Draftail posts its content as JSON, which Wagtail converts to HTML while the form
reads its data; raw HTML, an empty string or broken JSON there made that conversion
raise, and the editor got a server error. Here the widget reports such a value, and
the form field turns it into an error on the field.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea

__all__ = ["DraftailRichTextArea", "readable", "reject_unreadable"]

# What the widget returns for a value it cannot read: a non-character the editor
# never produces, so the field's validator can tell it from any real text.
_UNREADABLE = "\ufffe"


class ReadableDraftailRichTextArea(DraftailRichTextArea):
    """Draftail's widget, returning _UNREADABLE instead of raising on a foreign value."""

    def value_from_datadict(self, data, files, name):
        posted = data.get(name)
        if posted is None or not posted.strip():
            # An empty value is an empty text ("required" where the field is required).
            return posted if posted is None else ""
        try:
            return self.converter.to_database_format(posted)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return _UNREADABLE


def reject_unreadable(value: str) -> None:
    """The form-field validator that goes with the widget."""
    if value == _UNREADABLE:
        raise ValidationError(
            _(
                "This text was not sent in the editor's format and could not be read. "
                "Reload the page and enter the text in the editor."
            ),
            code="unreadable",
        )


def readable(widget: DraftailRichTextArea) -> ReadableDraftailRichTextArea:
    """A defensive copy of `widget`, with the same features and attributes."""
    copy = ReadableDraftailRichTextArea(features=widget.features, attrs=widget.attrs)
    copy.is_required = widget.is_required
    return copy
