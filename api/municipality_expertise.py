"""A municipality's expertise as a peer, for the detail of /api/v1/municipalities/{code}.

Partner systems (and the asker's own tools) want to see why a municipality would be
asked, in the router's own terms, so every figure comes from where the router reads
it: declared themes and capacity from questions.ExpertiseProfile, evidence (the
caller's view of its published casusbladen and lessen per theme) from
questions.published, responsiveness from questions.evidence. Nothing is stored here.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.models import Vocabulary
from municipalities.models import Municipality
from questions.evidence import Responsiveness, responsiveness
from questions.models import DEFAULT_CAPACITY, ExpertiseProfile
from questions.published import published


@dataclass(frozen=True)
class ThemeEvidence:
    slug: str
    label: str
    pages: int


@dataclass(frozen=True)
class Expertise:
    declared_themes: list[dict[str, str]]
    evidence: list[ThemeEvidence]
    capacity_per_week: int
    responsiveness: Responsiveness


def with_profile(municipalities: QuerySet) -> QuerySet:
    """`municipalities` with what expertise_of() reads of their profile loaded."""
    return municipalities.select_related("expertise_profile").prefetch_related(
        "expertise_profile__declared_themes"
    )


def expertise_of(municipality: Municipality, *, members: bool) -> Expertise:
    """What the router knows of `municipality`; `members`: count members-only pages too.

    The counts per theme come from the router's cache (questions.published), so
    they cost no query once a routing or another detail has filled it.
    """
    try:
        profile = municipality.expertise_profile
    except ExpertiseProfile.DoesNotExist:
        profile = None
    known = published()
    labels = known.labels.get(Vocabulary.THEME, {})
    counts = known.view(members).themes.get(municipality.cbs_code, {})
    evidence = [
        ThemeEvidence(slug=slug, label=labels.get(slug, slug), pages=pages)
        for slug, pages in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    declared = sorted(profile.declared_themes.all(), key=lambda term: term.slug) if profile else []
    return Expertise(
        declared_themes=[{"slug": term.slug, "label": term.label} for term in declared],
        evidence=evidence,
        capacity_per_week=profile.capacity_per_week if profile else DEFAULT_CAPACITY,
        responsiveness=responsiveness(municipality.cbs_code),
    )


class ThemeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    label = serializers.CharField()


class ThemeEvidenceSerializer(ThemeSerializer):
    pages = serializers.IntegerField(
        min_value=1, help_text=_("Published casusbladen and lessen on this theme.")
    )


class ResponsivenessSerializer(serializers.Serializer):
    invitationsDecided = serializers.IntegerField(
        source="decided",
        min_value=0,
        help_text=_("Invitations of the last year no longer waiting for an answer."),
    )
    shareAccepted = serializers.FloatField(
        source="share_responded",
        allow_null=True,
        min_value=0,
        max_value=1,
        help_text=_("Share of those it accepted, passed on or answered; null without any."),
    )
    medianHoursToFirstAnswer = serializers.FloatField(
        source="median_hours_to_answer",
        allow_null=True,
        min_value=0,
        help_text=_("Median hours from invitation to its first answer; null without any."),
    )


class ExpertiseSerializer(serializers.Serializer):
    declaredThemes = ThemeSerializer(
        source="declared_themes",
        many=True,
        help_text=_("Themes the municipality wants to be asked about."),
    )
    evidence = ThemeEvidenceSerializer(
        many=True,
        help_text=_(
            "Per theme, its published pages the caller may see, the most first: "
            "what question routing weighs."
        ),
    )
    capacityPerWeek = serializers.IntegerField(
        source="capacity_per_week",
        min_value=0,
        help_text=_("New questions it can take on per week."),
    )
    responsiveness = ResponsivenessSerializer()
