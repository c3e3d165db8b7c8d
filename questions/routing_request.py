"""What the router reads: the question, and the evidence gathered about every peer.

Plain frozen data, so ``questions.routing.route`` can be a pure function of it:
the same request and evidence give the same invitations, in tests and in a
benchmark, without a database or a search cluster behind it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from search.service import DocumentMatch


@dataclass(frozen=True)
class RoutingRequest:
    title: str
    body: str  # HTML or text; the router reads the text
    themes: tuple[str, ...] = ()  # theme slugs
    decentralisaties: tuple[str, ...] = ()  # decentralisation slugs
    asker_code: str = ""  # CBS code of the asking municipality: never a candidate
    exclude: frozenset[str] = frozenset()  # CBS codes already invited or declined
    today: datetime.date | None = None  # None: timezone.localdate()


@dataclass(frozen=True)
class Peer:
    """One municipality as a possible recipient: who it is, what it did, how busy it is.

    Everything but the declared themes and the capacity is derived from records
    (pages, invitations, answers) at routing time, so it is never out of date.
    """

    code: str
    name: str
    province: str
    size_class: str
    profile: str = ""  # organisation profile slug most of its casusbladen carry
    page_themes: Mapping[str, int] = field(default_factory=dict)  # slug -> pages
    page_decentralisaties: Mapping[str, int] = field(default_factory=dict)
    declared_themes: frozenset[str] = frozenset()
    capacity: int = 3
    pending: int = 0  # invitations still waiting for it (invited or accepted)
    new_this_week: int = 0  # invitations it received since Monday
    responded: int = 0  # invitations it accepted, passed on or answered
    decided: int = 0  # invitations no longer waiting: responded, declined or expired
    median_hours_to_answer: float | None = None
    absent: bool = False

    @property
    def over_capacity(self) -> bool:
        """It had its capacity of new invitations this week: the fairness cap holds it back."""
        return self.new_this_week >= self.capacity


@dataclass(frozen=True)
class AnsweredQuestion:
    """An accepted answer of a peer to a question like this one."""

    municipality_code: str
    question_id: int
    title: str | None  # None: the reader may not see that question's title
    similarity: float  # 0..1


@dataclass(frozen=True)
class Evidence:
    peers: Mapping[str, Peer]  # CBS code -> peer, every municipality
    documents: Sequence[DocumentMatch] = ()  # each municipality's best pages, best first
    answers: Sequence[AnsweredQuestion] = ()
    theme_labels: Mapping[str, str] = field(default_factory=dict)
    decentralisatie_labels: Mapping[str, str] = field(default_factory=dict)
    profile_labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    kind: str  # "documents" | "themes" | "answers" | "context" | "responsiveness" | "load"
    text: str  # one Dutch phrase
    data: dict


@dataclass(frozen=True)
class Candidate:
    municipality_code: str
    municipality_name: str
    score: float
    reasons: tuple[Reason, ...]
    sentence: str  # "Pekela: 2 casusbladen over …; vergelijkbare gemeentegrootte"
