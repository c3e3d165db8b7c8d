"""The Kennisredactie's synonym set: one row per group, edited as a snippet.

A row holds one rule in the seed file's Solr format ("a, b, c" or "x => y"), so the
same parser (search.synonyms) checks the admin form, the seed and what search reads.
The text is stored in its canonical form (lower case, one space, ", " between
terms), which makes re-seeding idempotent and shows every group alike in the admin.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.synonyms import ONE_WAY, SynonymError, SynonymRule, parse_synonyms

__all__ = ["SynonymGroup"]

MAX_GROUP_LENGTH = 500


def canonical_text(rule: SynonymRule) -> str:
    terms = ", ".join(rule.terms)
    return f"{terms} {ONE_WAY} {', '.join(rule.expands_to)}" if rule.one_way else terms


def parse_group(text: str) -> SynonymRule:
    """The one rule of a group's text; ValidationError with every problem otherwise."""
    if "\n" in text.strip() or "\r" in text.strip():
        raise ValidationError(_("Enter one group per row; add another row for the next group."))
    if "#" in text:
        raise ValidationError(_("A group cannot contain “#”; use the note for an explanation."))
    try:
        rules = parse_synonyms(text)
    except SynonymError as error:
        raise ValidationError([problem.message for problem in error.problems]) from error
    if not rules:
        raise ValidationError(_("Enter at least two terms, separated by commas."))
    return rules[0]


class SynonymGroup(models.Model):
    """One synonym group of the set search expands queries with.

    Kept in the database rather than a file on the Elasticsearch nodes so the
    Kennisredactie changes it without a deployment or reindex (search.synonym_set).
    """

    terms = models.CharField(
        _("terms of the group"),
        max_length=MAX_GROUP_LENGTH,
        help_text=_(
            "Terms separated by commas, e.g. “pgb, persoonsgebonden budget”: a search "
            "for any of them also finds the others. With “=>” the group works one way: "
            "“rolstoel, scootmobiel => hulpmiddelen” makes a search for rolstoel or "
            "scootmobiel also find hulpmiddelen, not the reverse. A term may be in one "
            "active group only. Changes take effect in search within a minute."
        ),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Only active groups are used in search."),
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("Why this group exists, for the other editors (not shown in search)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    @property
    def rule(self) -> SynonymRule:
        return parse_group(self.terms)

    def clean(self) -> None:
        super().clean()
        try:
            rule = parse_group(self.terms)
        except ValidationError as error:
            raise ValidationError({"terms": error.messages}) from error
        self.terms = canonical_text(rule)
        if self.active:
            conflicts = self._conflicts(rule)
            if conflicts:
                raise ValidationError({"terms": conflicts})

    def _conflicts(self, rule: SynonymRule) -> list[str]:
        """A term already on the left of another active group would merge the two."""
        others = SynonymGroup.objects.filter(active=True).exclude(pk=self.pk)
        messages = []
        for other in others.only("terms"):
            try:
                shared = set(rule.terms) & set(other.rule.terms)
            except ValidationError:
                continue  # a bad row elsewhere is that row's problem
            for term in sorted(shared):
                messages.append(
                    _("“%(term)s” is already in the active group “%(group)s”.")
                    % {"term": term, "group": other.terms}
                )
        return messages
