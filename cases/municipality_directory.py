"""/gemeenten/: every municipality with how many casusbladen and lessen it shares.

The way in for a visitor who thinks in municipalities ("what did towns of our size in
Gelderland do?"): filter by province and CBS size class, and follow a municipality
to its index. The counts are of the pages the visitor may see, so an anonymous
visitor is not sent to an index that looks empty; they are computed in the one query
that lists the municipalities (a subquery per count, no query per row).
"""

from django import forms
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from cases.listings import paginate
from cases.models import CasePage, LessonPage
from cases.visibility import visible_pages
from municipalities.models import Municipality
from municipalities.size_classes import SizeClass, in_size_class

PER_PAGE = 50


def province_choices() -> list[tuple[str, str]]:
    provinces = Municipality.objects.order_by("province").values_list("province", flat=True)
    return [("", _("All provinces")), *((p, p) for p in provinces.distinct())]


class DirectoryFilter(forms.Form):
    """The filters of the directory, read from the query string."""

    provincie = forms.ChoiceField(label=_("Province"), required=False, choices=province_choices)
    grootte = forms.ChoiceField(
        label=_("Size class"),
        required=False,
        choices=[("", _("All size classes")), *SizeClass.choices],
    )
    met_inhoud = forms.BooleanField(
        label=_("Only municipalities with casusbladen or lessen"), required=False
    )

    def apply(self, municipalities: QuerySet) -> QuerySet:
        if not self.is_valid():
            return municipalities
        if province := self.cleaned_data["provincie"]:
            municipalities = municipalities.filter(province=province)
        if size := self.cleaned_data["grootte"]:
            municipalities = in_size_class(municipalities, SizeClass(size))
        if self.cleaned_data["met_inhoud"]:
            municipalities = municipalities.filter(Q(case_count__gt=0) | Q(lesson_count__gt=0))
        return municipalities


def _count_of(pages: QuerySet) -> Coalesce:
    """The number of `pages` owned by the municipality of the outer row."""
    per_municipality = (
        pages.filter(municipality=OuterRef("pk"))
        .order_by()
        .values("municipality")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(per_municipality, output_field=IntegerField()), Value(0))


def municipalities_with_counts(user) -> QuerySet:
    """All municipalities, each with its index page and its visible page counts."""
    return Municipality.objects.select_related("case_index").annotate(
        case_count=_count_of(visible_pages(CasePage.objects.all(), user)),
        lesson_count=_count_of(visible_pages(LessonPage.objects.all(), user)),
    )


def municipality_directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilter(request.GET or None)
    municipalities = form.apply(municipalities_with_counts(request.user)).order_by("name")
    listing = paginate(
        request, municipalities, param="pagina", anchor="gemeenten", per_page=PER_PAGE
    )
    rows = [(municipality, _live_index(municipality)) for municipality in listing.page.object_list]
    return TemplateResponse(
        request,
        "cases/municipality_directory.html",
        {"form": form, "listing": listing, "rows": rows},
    )


def _live_index(municipality: Municipality):
    index = getattr(municipality, "case_index", None)
    return index if index is not None and index.live else None
