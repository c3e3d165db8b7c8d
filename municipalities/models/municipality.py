from django.contrib import admin
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.size_classes import SizeClass, size_class_for


class Municipality(models.Model):
    """A Dutch municipality, keyed by its CBS code.

    Everything on the platform belongs to or is routed to a municipality, so this is
    reference data imported from the CBS list rather than something users type in:
    the CBS code is the natural key partner systems and import files use.
    """

    cbs_code = models.CharField(
        _("CBS code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("A CBS code looks like GM0344."))],
    )
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(_("province"), max_length=50, db_index=True)
    population = models.PositiveIntegerField(_("population"), validators=[MinValueValidator(1)])
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    veiligheidsregio_code = models.CharField(_("safety region"), max_length=4, blank=True)
    area_km2 = models.PositiveIntegerField(_("land area (km²)"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        # The table of the app this model started in (kennisbank); keeping the name
        # made the move a state-only migration that rewrites nothing.
        db_table = "kennisbank_municipality"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.cbs_code,)

    @property
    def size_class(self) -> SizeClass:
        return size_class_for(self.population)

    @admin.display(description=_("size class"))
    def size_class_label(self) -> str:
        return self.size_class.label
