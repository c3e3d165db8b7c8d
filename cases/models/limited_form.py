"""The admin form of casusbladen and lessen: the field limits, and unreadable rich text.

Wagtail builds the form from the model; this adds what the model cannot say in a
way the editor understands: every limit of cases.models.limits as a message that
names the field, and a form error (not a server error) when a rich-text field is
posted in anything but the editor's own format, as a script or a stale browser tab
might.
"""

from django.core.validators import MaxLengthValidator
from django.forms import Field, ModelMultipleChoiceField
from wagtail.admin.forms import WagtailAdminPageForm

from cases.models.limits import NamedItemLimit, NamedLengthLimit, limit_of


class LimitedPageForm(WagtailAdminPageForm):
    """Puts the model's limits on the form fields, and reads rich text defensively."""

    def __init__(self, *args, **kwargs) -> None:
        # Wagtail's rich-text widgets cannot be imported while the models load.
        from cases.rich_text_widget import DraftailRichTextArea, readable, reject_unreadable

        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name, field in self.fields.items():
            rich_text = isinstance(field.widget, DraftailRichTextArea)
            if rich_text:
                field.widget = readable(field.widget)
                field.validators.append(reject_unreadable)
            limit = limit_of(model, name)
            if limit is not None:
                _apply_limit(field, limit, counts_markup=rich_text)


def _apply_limit(field: Field, limit: int, *, counts_markup: bool) -> None:
    label = str(field.label)
    if isinstance(field, ModelMultipleChoiceField):
        field.validators.append(NamedItemLimit(limit, label))
        return
    # Django's own length validator says the same without the field's name.
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(NamedLengthLimit(limit, label, counts_markup=counts_markup))
