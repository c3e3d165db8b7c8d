"""The exchange's figures for a period: aggregate queries, no state of their own.

Everything is counted from what the questions app records (Question, Invitation,
Answer) and from search's anonymised query log, for the questions asked (and the
invitations made, the answers given) between two dates, both included. Each figure
is one aggregate query; only the time to first answer fetches one number per
answered question, because a median is not portable SQL.

"Re-routed" reads the follow-up loop's own record: an invitation that lapsed and
was replaced by one to the router's next candidate (``Invitation.rerouted_from``);
a pass-on, which the broker chose, is not a re-routing.
"""

from __future__ import annotations

import datetime
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from municipalities.models import Membership, Municipality
from questions.models import (
    PENDING_STATES,
    Answer,
    FollowUp,
    FollowUpKind,
    Invitation,
    InvitationState,
    Question,
    QuestionState,
    Rating,
)
from search.knowledge_gaps import QueryCount, top_queries

SECONDS_PER_DAY = 86_400
TOP_THEMES = 10
TOP_SEARCHES = 10
# States in which a question is still waiting for its first answer.
UNANSWERED_STATES = (QuestionState.OPEN, QuestionState.EXPIRED)


@dataclass(frozen=True)
class Period:
    """The days counted, ``start`` and ``end`` both included."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class QuestionFigures:
    asked: int
    answered: int
    overdue: int
    rerouted: int

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.asked if self.asked else None


@dataclass(frozen=True)
class FirstAnswerTimes:
    """Days from asking to the first answer, one value per answered question."""

    days: tuple[float, ...]

    @property
    def median(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def p90(self) -> float | None:
        return percentile(self.days, 90)


@dataclass(frozen=True)
class RatingFigures:
    helpful: int
    not_helpful: int

    @property
    def rated(self) -> int:
        return self.helpful + self.not_helpful

    @property
    def helpful_share(self) -> float | None:
        return self.helpful / self.rated if self.rated else None


@dataclass(frozen=True)
class FollowUpFigures:
    """What the follow-up loop sent in the period: reminders to the invited, and
    alerts to the Kennisredactie about questions nobody took up."""

    reminders: int
    escalations: int


@dataclass(frozen=True)
class MunicipalityLoad:
    """What one municipality was asked in the period and what it did with it."""

    municipality_id: int
    name: str
    invitations: int
    answered: int
    declined: int
    expired: int
    overdue: int  # still waiting, past its due date


@dataclass(frozen=True)
class ThemeCount:
    name: str
    asked: int
    unanswered: int


def percentile(values: Sequence[float], percent: int) -> float | None:
    """The nearest-rank percentile: the smallest value with ``percent`` % at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(percent / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def gini(loads: Sequence[int]) -> float | None:
    """The Gini coefficient of ``loads``: 0 when every one carries as much, towards 1 when
    one carries everything. None without load to share."""
    total = sum(loads)
    if not loads or total == 0:
        return None
    ordered = sorted(loads)
    count = len(ordered)
    weighted = sum((rank + 1) * load for rank, load in enumerate(ordered))
    return (2 * weighted) / (count * total) - (count + 1) / count


def asked_in(period: Period) -> QuerySet:
    return Question.objects.filter(
        created_at__date__gte=period.start, created_at__date__lte=period.end
    )


def _made_in(period: Period) -> Q:
    return Q(created_at__date__gte=period.start, created_at__date__lte=period.end)


def rerouted_invitations() -> QuerySet:
    """Invitations the follow-up loop replaced by one to the router's next candidate.

    The loop records the replacement itself (``Invitation.rerouted_from``), so this
    figure reads that record instead of guessing from states and dates.
    """
    return Invitation.objects.filter(rerouted_to__isnull=False)


def question_figures(period: Period, today: datetime.date | None = None) -> QuestionFigures:
    """Asked, answered, overdue (no answer and past the wanted-by date) and re-routed."""
    today = today or timezone.localdate()
    rerouted = Exists(rerouted_invitations().filter(question_id=OuterRef("pk")))
    answered = Exists(Answer.objects.filter(question_id=OuterRef("pk")))
    figures = asked_in(period).aggregate(
        asked=Count("pk"),
        answered=Count("pk", filter=Q(answered)),
        overdue=Count("pk", filter=Q(state__in=UNANSWERED_STATES, wanted_by__lt=today)),
        rerouted=Count("pk", filter=Q(rerouted)),
    )
    return QuestionFigures(**figures)


def first_answer_times(period: Period) -> FirstAnswerTimes:
    """How long the questions asked in the period waited for their first answer."""
    rows = (
        asked_in(period)
        .annotate(first_answer=Min("answers__created_at"))
        .filter(first_answer__isnull=False)
        .values_list("created_at", "first_answer")
    )
    return FirstAnswerTimes(
        tuple(
            round((answered - asked).total_seconds() / SECONDS_PER_DAY, 2)
            for asked, answered in rows
        )
    )


def rating_figures(period: Period) -> RatingFigures:
    """The asker's verdicts on the answers given in the period."""
    figures = Answer.objects.filter(_made_in(period)).aggregate(
        helpful=Count("pk", filter=Q(rating=Rating.HELPFUL)),
        not_helpful=Count("pk", filter=Q(rating=Rating.NOT_HELPFUL)),
    )
    return RatingFigures(**figures)


def follow_up_figures(period: Period) -> FollowUpFigures:
    """Reminders and Kennisredactie alerts sent in the period (the loop's own record)."""
    reminders = (FollowUpKind.REMINDER_BEFORE, FollowUpKind.REMINDER_DUE)
    figures = FollowUp.objects.filter(
        sent_at__date__gte=period.start, sent_at__date__lte=period.end
    ).aggregate(
        reminders=Count("pk", filter=Q(kind__in=reminders)),
        escalations=Count("pk", filter=Q(kind=FollowUpKind.ESCALATED)),
    )
    return FollowUpFigures(**figures)


def municipality_loads(
    period: Period, today: datetime.date | None = None
) -> list[MunicipalityLoad]:
    """Invitations per municipality, most first: every municipality that acts on the
    platform (it has a member) or was invited in the period, so an idle one counts as 0.
    """
    today = today or timezone.localdate()
    made = Q(
        invitations__created_at__date__gte=period.start,
        invitations__created_at__date__lte=period.end,
    )
    invited_in_period = Invitation.objects.filter(_made_in(period), municipality_id=OuterRef("pk"))
    has_member = Membership.objects.filter(municipality_id=OuterRef("pk"))

    def invitations(**state) -> Count:
        return Count("invitations", filter=made & Q(**state))

    rows = Municipality.objects.filter(Q(Exists(has_member)) | Q(Exists(invited_in_period))).only(
        "name"
    )
    rows = rows.annotate(
        invited=invitations(),
        answered=invitations(invitations__state=InvitationState.ANSWERED),
        declined=invitations(invitations__state=InvitationState.DECLINED),
        expired=invitations(invitations__state=InvitationState.EXPIRED),
        overdue=invitations(invitations__state__in=PENDING_STATES, invitations__due_on__lt=today),
    ).order_by("-invited", "name")
    return [
        MunicipalityLoad(
            row.pk, row.name, row.invited, row.answered, row.declined, row.expired, row.overdue
        )
        for row in rows
    ]


def unanswered_themes(period: Period, limit: int = TOP_THEMES) -> list[ThemeCount]:
    """The themes of the questions asked in the period, those left without answer first."""
    answered = Exists(Answer.objects.filter(question_id=OuterRef("pk")))
    rows = (
        asked_in(period)
        .filter(themes__isnull=False)
        .values(name=F("themes__label"))
        .annotate(
            asked=Count("pk", distinct=True),
            unanswered=Count("pk", filter=~Q(answered), distinct=True),
        )
        .filter(unanswered__gt=0)
        .order_by("-unanswered", "-asked", "name")[:limit]
    )
    return [ThemeCount(row["name"], row["asked"], row["unanswered"]) for row in rows]


def zero_result_searches(period: Period, limit: int = TOP_SEARCHES) -> list[QueryCount]:
    """The searches that found nothing most often (search.knowledge_gaps, for the period)."""
    return top_queries(period.start, zero=True, limit=limit, end=period.end)
