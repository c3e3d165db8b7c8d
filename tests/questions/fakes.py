"""Stand-ins for the router (questions.routing, on another branch until it is merged).

They replace only the two calls into it: ``lifecycle._enqueue_routing`` (the task
after a question is posted) and ``ask_panel.routing_preview`` (the ask form's
preview). ``FakeRouter`` invites the municipalities a test names, the way the
router's ``invite`` records an invitation; everything after that is the real code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from municipalities.models import Municipality
from questions.models import Invitation, Question
from questions.working_days import add_working_days

REASON = "2 casusbladen over vroegsignalering van schulden"


def invite(question: Question, municipality: Municipality, *, rank: int = 1) -> Invitation:
    """An invitation as the router writes one: rank, score, reasons and a due date."""
    text = f"{municipality.name}: {REASON}"
    return Invitation.objects.create(
        question=question,
        municipality=municipality,
        rank=rank,
        score=1.0 / rank,
        reasons=[{"kind": "documents", "text": text, "data": {"pages": []}}],
        reason_text=text,
        due_on=add_working_days(timezone.localdate(), 5),
    )


class FakeRouter:
    """Stands in for questions.tasks.route_question: invites ``targets`` after the commit."""

    def __init__(self) -> None:
        self.targets: list[Municipality] = []
        self.routed: list[int] = []

    def __call__(self, question_id: int) -> None:
        self.routed.append(question_id)
        question = Question.objects.get(pk=question_id)
        for rank, municipality in enumerate(self.targets, start=1):
            invite(question, municipality, rank=rank)


@dataclass(frozen=True)
class FakeCandidate:
    """The fields of questions.routing.Candidate the pages read."""

    municipality_code: str
    municipality_name: str
    score: float
    reasons: tuple
    sentence: str


def install(monkeypatch) -> FakeRouter:
    from questions import ask_panel, lifecycle

    fake = FakeRouter()

    def preview(user, *, title, body, themes, decentralisaties) -> list[FakeCandidate]:
        return [
            FakeCandidate(m.cbs_code, m.name, 1.0, (), f"{m.name}: {REASON}") for m in fake.targets
        ]

    monkeypatch.setattr(lifecycle, "_enqueue_routing", fake)
    monkeypatch.setattr(ask_panel, "routing_preview", preview)
    return fake


@dataclass(frozen=True)
class FakeReason:
    kind: str
    text: str
    data: dict


class FakePreview:
    """Stands in for questions.routing.preview inside questions.invitations.invite.

    Offers ``candidates`` in order, minus those the request excludes (asked before)
    and the asker, so the real invite() — and the follow-up sweep's re-routing
    through it — runs without an Elasticsearch index behind it.
    """

    def __init__(self, candidates: list[Municipality]) -> None:
        self.candidates = candidates

    def __call__(self, request, *, limit: int, members: bool = True) -> list[FakeCandidate]:
        left = [
            m
            for m in self.candidates
            if m.cbs_code not in request.exclude and m.cbs_code != request.asker_code
        ]
        return [
            FakeCandidate(
                m.cbs_code,
                m.name,
                1.0,
                (FakeReason("documents", REASON, {"pages": []}),),
                f"{m.name}: {REASON}",
            )
            for m in left[:limit]
        ]


def route_for_real(monkeypatch, candidates: list[Municipality]) -> FakePreview:
    """The real route_question task and invite(), over a fake preview of ``candidates``."""
    from questions import invitations, lifecycle
    from questions.tasks import route_question

    fake = FakePreview(candidates)
    monkeypatch.setattr(invitations, "preview", fake)
    monkeypatch.setattr(lifecycle, "_enqueue_routing", route_question.enqueue)
    return fake
