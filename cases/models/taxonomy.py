from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.TextChoices):
    """The controlled vocabularies a casusblad is classified with.

    The URL segment (value) is Dutch because it appears in public addresses.
    """

    THEME = "thema", _("theme")
    DECENTRALISATION = "decentralisatie", _("decentralisation")
    RISK = "risico", _("risk")
    OPPORTUNITY = "kans", _("opportunity")
    PROFILE = "organisatieprofiel", _("organisation profile")


class Term(models.Model):
    """One entry of a vocabulary, e.g. the theme `jeugdhulp`.

    A single model for all vocabularies: they share slug, label and tree shape, and
    import files and URLs address a term as (vocabulary, slug). The same slug may
    appear in two vocabularies (`agressie-en-geweld` is a theme and a risk).
    """

    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices)
    slug = models.SlugField(_("slug"), max_length=80)
    label = models.CharField(_("label"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["vocabulary", "label"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "slug"], name="unique_term_slug"),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent.vocabulary != self.vocabulary:
            raise ValidationError({"parent": _("The parent must be in the same vocabulary.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A term cannot be its own ancestor.")})
            ancestor = ancestor.parent
