"""The facets of search: which document field each one counts, and how values read.

Elasticsearch and the database fallback both produce raw counts per value; this
module turns them into the FacetValue lists of the interface, with the labels a
reader sees (a term's label, a municipality's name), so both backends show facets
identically.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from cases.models import CasePage, CaseStatus, LessonPage, Term, Vocabulary
from municipalities.models import Municipality
from municipalities.size_classes import SizeClass
from search.documents import CASE, LESSON, QUESTION

# Facet name -> the keyword field of the content index it filters and counts.
FIELDS = {
    "type": "type",
    "theme": "themes.slug",
    "decentralisatie": "decentralisaties.slug",
    "risico": "risicos.slug",
    "kans": "kansen.slug",
    "municipality": "municipality.code",
    "province": "province",
    "size_class": "size_class",
    "profiel": "profiel.slug",
    "year": "year",
    "status": "status",
}
TERM_FACETS = {
    "theme": Vocabulary.THEME,
    "decentralisatie": Vocabulary.DECENTRALISATION,
    "risico": Vocabulary.RISK,
    "kans": Vocabulary.OPPORTUNITY,
    "profiel": Vocabulary.PROFILE,
}
# Facets whose values are few and fixed; the others grow with the content.
SIZES = {"municipality": 400, "year": 50}
DEFAULT_SIZE = 100


def type_labels() -> dict[str, str]:
    """What each document type is called (a question's name is the questions app's)."""
    return {
        CASE: str(CasePage._meta.verbose_name),
        LESSON: str(LessonPage._meta.verbose_name),
        QUESTION: str(_("question")),
    }


def _labels(counts: Mapping[str, Mapping[str, int]], selected) -> dict[str, dict[str, str]]:
    """Labels of every value shown: one query for terms, one for municipalities."""
    values = {name: set(counts.get(name, {})) | set(selected.get(name, ())) for name in FIELDS}
    labels: dict[str, dict[str, str]] = {
        "type": type_labels(),
        "size_class": {choice.value: str(choice.label) for choice in SizeClass},
        "status": {choice.value: str(choice.label) for choice in CaseStatus},
    }
    slugs = set().union(*(values[name] for name in TERM_FACETS))
    vocabulary_facet = {vocabulary: name for name, vocabulary in TERM_FACETS.items()}
    if slugs:
        for vocabulary, slug, label in Term.objects.filter(slug__in=slugs).values_list(
            "vocabulary", "slug", "label"
        ):
            labels.setdefault(vocabulary_facet[vocabulary], {})[slug] = label
    if values["municipality"]:
        labels["municipality"] = dict(
            Municipality.objects.filter(cbs_code__in=values["municipality"]).values_list(
                "cbs_code", "name"
            )
        )
    return labels


def facet_values(
    counts: Mapping[str, Mapping[str, int]], selected: Mapping[str, tuple[str, ...]]
) -> dict[str, list]:
    """FacetValue lists per facet; a selected value stays listed, even at zero."""
    from search.service import FacetValue

    labels = _labels(counts, selected)
    result = {}
    for name in FIELDS:
        chosen = set(selected.get(name, ()))
        merged = {str(value): count for value, count in counts.get(name, {}).items()}
        for value in chosen:
            merged.setdefault(value, 0)
        items = [
            FacetValue(value, labels.get(name, {}).get(value, value), count, value in chosen)
            for value, count in merged.items()
        ]
        if name == "year":
            items.sort(key=lambda item: item.value, reverse=True)
        else:
            items.sort(key=lambda item: (-item.count, item.label.lower()))
        result[name] = items
    return result
