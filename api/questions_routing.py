"""POST /api/v1/routing/preview: who would receive a question, and why.

The router's own preview (questions.routing.preview), as the ask form shows it
while typing: nothing is stored. POST rather than GET because a draft question
may hold case details, which must not land in access logs as a query string; it is
a read all the same (scope ``questions:read``, not audited). The reasons name
members-only casusbladen and lessen only to callers who may see them
(api.access.may_see_members_only: a person, or a token with ``cases:read``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.access import may_see_members_only
from api.questions_access import QuestionApi, QuestionScopes
from api.questions_serializers import MunicipalitySummarySerializer, ReasonSerializer
from api.questions_views import FORBIDDEN, TAGS
from cases.models import Term, Vocabulary
from municipalities.models import Municipality
from questions import access
from questions.models.question import BODY_LIMIT, TITLE_LIMIT
from questions.routing import DEFAULT_LIMIT, MAX_LIMIT, RoutingRequest, preview


def _slugs(vocabulary: Vocabulary) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.SlugRelatedField(
            slug_field="slug", queryset=Term.objects.filter(vocabulary=vocabulary)
        ),
        required=False,
        default=list,
    )


class PreviewBody(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_LIMIT)
    body = serializers.CharField(max_length=BODY_LIMIT, allow_blank=True, default="")
    themes = _slugs(Vocabulary.THEME)
    decentralisaties = _slugs(Vocabulary.DECENTRALISATION)
    askerMunicipality = serializers.SlugRelatedField(
        slug_field="cbs_code",
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("CBS code; default the caller's municipality. It is never a candidate."),
    )
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=DEFAULT_LIMIT)


class CandidateSerializer(serializers.Serializer):
    municipality = MunicipalitySummarySerializer()
    score = serializers.FloatField()
    reasons = ReasonSerializer(many=True)
    sentence = serializers.CharField(help_text=_("The reasons in one Dutch sentence."))


class PreviewResult(serializers.Serializer):
    candidates = CandidateSerializer(many=True)


class RoutingPreview(QuestionApi, APIView):
    permission_classes = (QuestionScopes, IsAuthenticated)
    reads_only = True  # a POST that writes nothing: the read scope, no audit row

    @extend_schema(
        operation_id="previewRouting",
        summary=_("Who would receive this question, and why"),
        request=PreviewBody,
        responses={200: PreviewResult, 403: FORBIDDEN},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        body = PreviewBody(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        asker = data.get("askerMunicipality")
        if asker is None:
            mine = access.affiliation(self.actor)
            if mine is None:
                raise exceptions.ValidationError(
                    {"askerMunicipality": [_("Say which municipality asks.")]}
                )
            asker = mine.municipality
        routing_request = RoutingRequest(
            title=data["title"],
            body=data["body"],
            themes=tuple(sorted(term.slug for term in data["themes"])),
            decentralisaties=tuple(sorted(term.slug for term in data["decentralisaties"])),
            asker_code=asker.cbs_code,
        )
        candidates = preview(
            routing_request, limit=data["limit"], members=may_see_members_only(request)
        )
        return Response(
            PreviewResult(
                {
                    "candidates": [
                        {
                            "municipality": {
                                "cbs_code": c.municipality_code,
                                "name": c.municipality_name,
                            },
                            "score": c.score,
                            "reasons": c.reasons,
                            "sentence": c.sentence,
                        }
                        for c in candidates
                    ]
                }
            ).data
        )
