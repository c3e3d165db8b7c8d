import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from municipalities.membership_admin import MembershipViewSet
from municipalities.models import Municipality
from municipalities.size_classes import SizeClass, population_range


def province_choices() -> list[tuple[str, str]]:
    provinces = Municipality.objects.order_by("province").values_list("province", flat=True)
    return [(province, province) for province in provinces.distinct()]


class MunicipalityFilterSet(WagtailFilterSet):
    province = django_filters.ChoiceFilter(label=_("province"), choices=province_choices)
    size_class = django_filters.ChoiceFilter(
        label=_("size class"), choices=SizeClass.choices, method="filter_size_class"
    )

    class Meta:
        model = Municipality
        fields = ["province"]

    def filter_size_class(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        lower, upper = population_range(SizeClass(value))
        queryset = queryset.filter(population__gte=lower)
        return queryset if upper is None else queryset.filter(population__lt=upper)


class MunicipalityViewSet(ModelViewSet):
    """The CBS list in the admin: looked up far more often than edited."""

    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    list_display = ["name", "cbs_code", "province", "population", "size_class_label"]
    filterset_class = MunicipalityFilterSet
    search_fields = ["name", "cbs_code", "province"]
    search_backend_name = None
    ordering = ["name"]
    list_per_page = 50
    form_fields = [
        "cbs_code",
        "name",
        "province",
        "population",
        "population_year",
        "veiligheidsregio_code",
        "area_km2",
    ]
    export_filename = "gemeenten"
    list_export = ["cbs_code", "name", "province", "population", "size_class_label"]


class MunicipalitiesMenu(ViewSetGroup):
    """The CBS list and who acts for each municipality, side by side in one menu."""

    menu_label = _("Municipalities")
    menu_icon = "site"
    menu_order = 900
    items = (MunicipalityViewSet("municipalities"), MembershipViewSet("memberships"))


@hooks.register("register_admin_viewset")
def register_municipality_viewsets() -> MunicipalitiesMenu:
    return MunicipalitiesMenu()
