"""A searchable chooser for municipalities, for the partner municipalities of a casusblad.

A bare multiple select with 342 options is unusable (scroll and ctrl-click); this is
Wagtail's own chooser modal (search, pagination, checkboxes for several at once),
registered in wagtail_hooks.py and used through cases.multiple_chooser.
"""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from municipalities.models import Municipality


class MunicipalitySearchForm(BaseFilterForm):
    """Search by (part of a) name, province or CBS code.

    Municipality is not in Wagtail's search index (342 rows of reference data), so
    the chooser's default search form would offer no search at all.
    """

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, province or CBS code")}),
        required=False,
    )

    def filter(self, objects: QuerySet) -> QuerySet:
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(
                Q(name__icontains=query) | Q(province__icontains=query) | Q(cbs_code__iexact=query)
            )
        return objects


class _MunicipalityListing:
    """The chooser's listing: searchable, with the province beside each name."""

    filter_form_class = MunicipalitySearchForm

    @property
    def columns(self) -> list[Column]:
        # The province tells apart names that are alike ("Bergen (L.)", "Bergen (NH.)").
        return [*super().columns, Column("province", label=_("province"))]


class MunicipalityChooseView(_MunicipalityListing, ChooseView):
    pass


class MunicipalityChooseResultsView(_MunicipalityListing, ChooseResultsView):
    pass


class MunicipalityChooserViewSet(ChooserViewSet):
    """The modal behind cases.multiple_chooser for partner municipalities.

    Any admin user may open it: the municipalities are public reference data.
    """

    model = Municipality
    icon = "site"
    choose_one_text = _("Choose municipalities")
    choose_another_text = _("Choose municipalities")
    per_page = 25
    choose_view_class = MunicipalityChooseView
    choose_results_view_class = MunicipalityChooseResultsView
    # Only the partner field uses it; other municipality fields keep their widgets.
    register_widget = False


municipality_chooser = MunicipalityChooserViewSet("municipality_chooser")
