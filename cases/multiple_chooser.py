"""A form widget that chooses several objects through a Wagtail chooser modal.

Wagtail's choosers pick one object for a foreign key; its MultipleChooserPanel needs
an inline model. This widget gives a many-to-many field the same modal (in its
"choose several" mode): the chosen objects are listed with a remove button each,
and are posted as repeated hidden inputs, exactly like a multiple select, so the
form field and its validation stay Django's own. The behaviour is a small Stimulus
controller (static/cases/admin/multiple-chooser.js), no inline script.
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.module_loading import import_string


class MultipleChooser(forms.SelectMultiple):
    """Several objects, chosen in the modal of a ChooserViewSet (given by dotted path)."""

    template_name = "cases/widgets/multiple_chooser.html"

    def __init__(self, viewset: str, *, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        # A dotted path: the models (which name this widget) load before the admin.
        self.viewset = viewset

    @cached_property
    def _chooser(self) -> forms.Widget:
        return import_string(self.viewset).widget_class()

    @cached_property
    def _definition(self) -> tuple[dict, forms.Media]:
        from wagtail.admin.telepath import JSContext

        context = JSContext()
        return context.pack(self._chooser), context.media + self._chooser.media

    def get_context(self, name: str, value, attrs: dict | None) -> dict:
        # Not SelectMultiple's: that would render an option for every object.
        context = forms.Widget.get_context(self, name, value, attrs)
        pks = [pk for pk in context["widget"]["value"] if str(pk).isdigit()]
        context["chosen"] = list(self.choices.queryset.filter(pk__in=pks)) if pks else []
        context["chooser_definition"] = self._definition[0]
        context["choose_label"] = self._chooser.choose_one_text
        return context

    @property
    def media(self) -> forms.Media:
        return self._definition[1] + forms.Media(
            js=["cases/admin/multiple-chooser.js"],
            css={"all": ["cases/admin/multiple-chooser.css"]},
        )
