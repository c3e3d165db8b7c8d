"""How questions, answers and invitations look in the API (lowerCamelCase, HAL links).

Output only, plus the shapes of the request bodies: the serializers type what a
partner system sends and hand it to questions.lifecycle, which decides (as the
site's forms do). A municipality is always `{code, name}` (the CBS code partner
systems know). Nothing names a person: askers, answerers and colleagues are their
municipality's, and their names stay on the site.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.pagination import link_schema
from questions.lifecycle import MAX_LINKED_PAGES, REASON_LIMIT
from questions.models import InvitationState, QuestionState, QuestionVisibility, Rating
from questions.models.question import BODY_LIMIT, TITLE_LIMIT


class MunicipalitySummarySerializer(serializers.Serializer):
    code = serializers.CharField(source="cbs_code", help_text=_("CBS code, e.g. GM0344."))
    name = serializers.CharField()


def _absolute(context: dict, name: str, pk: int) -> dict[str, str]:
    return {"href": context["request"].build_absolute_uri(reverse(name, kwargs={"pk": pk}))}


def links_field(**names: str) -> serializers.Field:
    """`_links` with one link per key, each to the named route of the object's id."""

    @extend_schema_field(
        {
            "type": "object",
            "properties": {key: link_schema() for key in names},
            "required": list(names),
        }
    )
    class Links(serializers.Field):
        def __init__(self, **kwargs) -> None:
            super().__init__(source="*", read_only=True, **kwargs)

        def to_representation(self, instance) -> dict:
            pk_of = {"question": getattr(instance, "question_id", None)}
            return {
                key: _absolute(self.context, f"api:{route}", pk_of.get(key) or instance.pk)
                for key, route in names.items()
            }

    return Links()


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugsField(serializers.Field):
    """The slugs of the terms of a many-to-many (prefetched by the views)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, terms) -> list[str]:
        return sorted(term.slug for term in terms.all())


def slugs_field(help_text: str) -> serializers.Field:
    return SlugsField(help_text=help_text)


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField(help_text=_("Sanitised HTML."))
    municipality = MunicipalitySummarySerializer(help_text=_("The asking municipality."))
    themes = slugs_field(_("Theme slugs."))
    decentralisaties = slugs_field(_("Decentralisation slugs."))
    state = serializers.ChoiceField(choices=QuestionState.choices)
    visibility = serializers.ChoiceField(choices=QuestionVisibility.choices)
    wantedBy = serializers.DateField(source="wanted_by")
    createdAt = serializers.DateTimeField(source="created_at")
    resolvedAt = serializers.DateTimeField(source="resolved_at", allow_null=True)
    answerCount = serializers.IntegerField(source="answer_count")
    _links = links_field(
        self="question-detail",
        answers="question-answers",
        invitations="question-invitations",
        close="question-close",
    )


class LinkedPageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str:
        return self.context["request"].build_absolute_uri(page.url)


class AnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    municipality = MunicipalitySummarySerializer(help_text=_("The answering municipality."))
    body = serializers.CharField(help_text=_("Sanitised HTML."))
    linkedPages = LinkedPageSerializer(
        source="readable_pages",
        many=True,
        help_text=_("Casusbladen and lessons the answer refers to, as far as the caller may see."),
    )
    accepted = serializers.BooleanField()
    rating = serializers.ChoiceField(choices=Rating.choices, allow_blank=True)
    # Shown to whoever reads the answer, as on the question page (questions/question.html):
    # the asker's feedback to the answerer, in the open thread.
    ratingComment = serializers.CharField(
        source="rating_comment", help_text=_("The asker's comment with the rating.")
    )
    createdAt = serializers.DateTimeField(source="created_at")
    _links = links_field(question="question-detail", accept="answer-accept", rate="answer-rate")


class ReasonSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("documents, themes, answers, context, …"))
    text = serializers.CharField(help_text=_("One Dutch phrase a person can check."))


class InvitationQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    municipality = MunicipalitySummarySerializer()
    state = serializers.ChoiceField(choices=QuestionState.choices)


class InvitationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    question = InvitationQuestionSerializer()
    municipality = MunicipalitySummarySerializer(help_text=_("The invited municipality."))
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    reasons = ReasonSerializer(many=True)
    reasonText = serializers.CharField(source="reason_text")
    state = serializers.ChoiceField(choices=InvitationState.choices)
    declineReason = serializers.CharField(source="decline_reason")
    dueOn = serializers.DateField(source="due_on")
    createdAt = serializers.DateTimeField(source="created_at")
    respondedAt = serializers.DateTimeField(source="responded_at", allow_null=True)
    _links = links_field(
        question="question-detail",
        accept="invitation-accept",
        decline="invitation-decline",
        passOn="invitation-pass-on",
    )


# Request bodies ------------------------------------------------------------------

PRIVACY_CONFIRMED_HELP = _(
    "True once the author checked the privacy guard's warnings (e-mail addresses, "
    "phone numbers, IBANs, addresses, dates of birth). A BSN is refused regardless."
)


class AskBody(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_LIMIT)
    body = serializers.CharField(
        max_length=BODY_LIMIT, help_text=_("HTML (cleaned with bleach) or text.")
    )
    themes = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    decentralisaties = serializers.ListField(
        child=serializers.SlugField(), required=False, default=list
    )
    wantedBy = serializers.DateField(required=False, help_text=_("Default: 10 working days."))
    visibility = serializers.ChoiceField(
        choices=QuestionVisibility.choices, default=QuestionVisibility.INVOLVED
    )
    privacyConfirmed = serializers.BooleanField(default=False, help_text=PRIVACY_CONFIRMED_HELP)

    def lifecycle_arguments(self) -> dict:
        data = self.validated_data
        return {
            "title": data["title"],
            "body": data["body"],
            "themes": data["themes"],
            "decentralisaties": data["decentralisaties"],
            "wanted_by": data.get("wantedBy"),
            "visibility": data["visibility"],
            "privacy_confirmed": data["privacyConfirmed"],
        }


class AnswerBody(serializers.Serializer):
    body = serializers.CharField(max_length=BODY_LIMIT, help_text=_("HTML (cleaned) or text."))
    linkedPages = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        max_length=MAX_LINKED_PAGES,
        help_text=_("Ids of published casusbladen and lessons."),
    )
    privacyConfirmed = serializers.BooleanField(default=False, help_text=PRIVACY_CONFIRMED_HELP)

    def lifecycle_arguments(self) -> dict:
        data = self.validated_data
        return {
            "body": data["body"],
            "linked_pages": data["linkedPages"],
            "privacy_confirmed": data["privacyConfirmed"],
        }


class RateBody(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Rating.choices)
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=REASON_LIMIT,
        help_text=_("For the answerer; whoever reads the answer sees it too. No BSN."),
    )

    def lifecycle_arguments(self) -> dict:
        return {"rating": self.validated_data["rating"], "comment": self.validated_data["comment"]}


class DeclineBody(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_LIMIT, help_text=_("The asker sees it."))


class PassOnBody(serializers.Serializer):
    colleague = serializers.CharField(
        required=False, max_length=150, help_text=_("Username of a colleague on Kennisbank.")
    )
    municipality = serializers.RegexField(
        r"^GM\d{4}$", required=False, help_text=_("CBS code of another municipality.")
    )
