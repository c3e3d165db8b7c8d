from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Term, Vocabulary
from municipalities.models import Municipality

DEFAULT_CAPACITY = 3  # new invitations a week: enough to matter, few enough to be fair


class ExpertiseProfile(models.Model):
    """What a municipality says about itself as a peer: declared themes and capacity.

    Only what the municipality declares is stored. The evidence (its published
    casusbladen and lessen, its accepted answers) and its responsiveness (share of
    invitations accepted, time to first answer) are derived from those records
    whenever the router runs, so they can never drift from them. A municipality
    without a profile is still a candidate, with the default capacity.
    """

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="expertise_profile",
    )
    declared_themes = models.ManyToManyField(
        Term,
        verbose_name=_("declared themes"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.THEME},
        help_text=_("Themes this municipality wants to be asked about."),
    )
    capacity_per_week = models.PositiveSmallIntegerField(
        _("capacity per week"),
        default=DEFAULT_CAPACITY,
        help_text=_("How many new questions this municipality can take on per week."),
    )

    class Meta:
        verbose_name = _("expertise profile")
        verbose_name_plural = _("expertise profiles")

    def __str__(self) -> str:
        return str(self.municipality)


class Absence(models.Model):
    """A period in which a municipality takes no new questions (holidays, reorganisation)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="absences",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until and including"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["municipality", "starts_on"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.starts_on} - {self.ends_on}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end lies before the start.")})
