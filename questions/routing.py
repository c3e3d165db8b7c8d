"""Which peers receive a question, and why: the router.

``route`` is a pure function of the question and the evidence about every
municipality (``questions.evidence.gather``); ``preview`` gathers and routes, for
the ask form, the API and ``questions.invitations.invite``.

A peer's score adds up what says it can help, each part a reason a person can
check:

- its pages: the text relevance of its casusbladen and lessen, its best three
  summed with falling weights (1, 1/2, 1/4), each relative to the best page
  overall, so several good pages beat one lucky hit;
- themes and decentralisaties of the question it published on or declared;
- accepted answers it gave to similar questions;
- a small context boost: same size class, province or organisation profile as the
  asker;
- responsiveness (share of invitations taken up, with a neutral prior for a
  municipality without history, and a quick first answer);
- its current load against its capacity, which lowers the score.

Only peers with evidence (pages, themes or answers) are candidates: context and
responsiveness order them but never make one. The fairness cap: a peer that
already received its capacity of new invitations this week comes only after
every peer with evidence that did not. Ties break on the CBS code, so the same
state always gives the same list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from questions import reasons as phrases
from questions.evidence import gather
from questions.routing_request import Candidate, Evidence, Peer, Reason, RoutingRequest
from search.service import DocumentMatch

__all__ = ["Candidate", "Reason", "RoutingRequest", "preview", "route"]

DEFAULT_LIMIT = 5
MAX_LIMIT = 50
PAGE_WEIGHTS = (1.0, 0.5, 0.25)  # a peer's best, second and third page
MIN_RELATIVE_SCORE = 0.1  # a page scoring below this share of the best page is noise
THEME_WEIGHT = 0.3  # all the question's themes among the peer's pages
DECLARED_WEIGHT = 0.15  # all the question's themes among the peer's declared themes
DECENTRALISATIE_WEIGHT = 0.15
ANSWER_WEIGHT = 0.4  # per similar question answered (and accepted), at most one
SIZE_BOOST, PROVINCE_BOOST, PROFILE_BOOST = 0.05, 0.03, 0.03
RESPONSIVENESS_WEIGHT = 0.1  # (share taken up - 1/2) times this: at most ±0.05
QUICK_ANSWER_HOURS, QUICK_ANSWER_BOOST = 24.0, 0.03
LOAD_PENALTY = 0.25  # a peer with as many open invitations as its capacity loses a quarter


@dataclass
class _Scored:
    peer: Peer
    evidence: float
    score: float
    reasons: list[Reason]

    @property
    def over_capacity(self) -> bool:
        return self.peer.over_capacity


def _page_share(pages: list[DocumentMatch], best: float) -> float:
    return sum(
        weight * page.score / best for weight, page in zip(PAGE_WEIGHTS, pages, strict=False)
    )


def _share(wanted: tuple[str, ...], have) -> tuple[list[str], float]:
    found = [slug for slug in wanted if slug in have]
    return found, (len(found) / len(wanted) if wanted else 0.0)


def _responsiveness(peer: Peer) -> float:
    # Laplace's prior: no history reads as one taken up and one not, i.e. neutral.
    share = (peer.responded + 1) / (peer.decided + 2)
    bonus = RESPONSIVENESS_WEIGHT * (share - 0.5)
    if peer.median_hours_to_answer is not None and peer.median_hours_to_answer <= (
        QUICK_ANSWER_HOURS
    ):
        bonus += QUICK_ANSWER_BOOST
    return bonus


def _score(
    request: RoutingRequest,
    peer: Peer,
    asker: Peer | None,
    pages: list[DocumentMatch],
    best: float,
    theme_weight: dict[str, float],
    answers: list,
    evidence: Evidence,
) -> _Scored | None:
    reasons: list[Reason] = []
    total = 0.0
    if pages:
        total += _page_share(pages, best)
        reasons.append(
            phrases.documents(pages, request.themes, theme_weight, evidence.theme_labels, best)
        )
    covered, covered_share = _share(request.themes, peer.page_themes)
    declared, declared_share = _share(request.themes, peer.declared_themes)
    decentralised, dec_share = _share(request.decentralisaties, peer.page_decentralisaties)
    themes = covered_share * THEME_WEIGHT + declared_share * DECLARED_WEIGHT
    themes += dec_share * DECENTRALISATIE_WEIGHT
    if themes:
        total += themes
        reasons.append(phrases.themes(peer, covered, declared, decentralised, evidence))
    if answers:
        total += ANSWER_WEIGHT * min(sum(answer.similarity for answer in answers), 1.0)
        reasons.append(phrases.answers(answers))
    if total <= 0:
        return None
    boost = 0.0
    if asker is not None:
        same = {
            "size_class": peer.size_class == asker.size_class,
            "province": peer.province == asker.province,
            "profile": bool(peer.profile) and peer.profile == asker.profile,
        }
        boost += SIZE_BOOST * same["size_class"] + PROVINCE_BOOST * same["province"]
        boost += PROFILE_BOOST * same["profile"]
        if any(same.values()):
            reasons.append(phrases.context(peer, same, evidence.profile_labels))
    boost += _responsiveness(peer)
    if peer.decided:
        reasons.append(phrases.responsiveness(peer))
    load = min(peer.pending / peer.capacity, 1.0) if peer.capacity else 1.0
    if peer.pending or peer.over_capacity:
        reasons.append(phrases.load(peer))
    score = round((total + boost) * (1 - LOAD_PENALTY * load), 6)
    return _Scored(peer, total, max(score, 0.0), reasons)


def _candidate(scored: _Scored) -> Candidate:
    shown = [reason for reason in scored.reasons if reason.kind in phrases.IN_SENTENCE]
    if scored.over_capacity:
        shown += [reason for reason in scored.reasons if reason.kind == "load"]
    sentence = f"{scored.peer.name}: " + "; ".join(reason.text for reason in shown)
    return Candidate(
        municipality_code=scored.peer.code,
        municipality_name=scored.peer.name,
        score=scored.score,
        reasons=tuple(scored.reasons),
        sentence=sentence,
    )


def route(
    request: RoutingRequest, evidence: Evidence, limit: int = DEFAULT_LIMIT
) -> list[Candidate]:
    """The best ``limit`` peers for the question, best first, with their reasons."""
    limit = min(max(int(limit), 1), MAX_LIMIT)
    best = max((page.score for page in evidence.documents), default=0.0)
    pages: dict[str, list[DocumentMatch]] = defaultdict(list)
    for page in sorted(evidence.documents, key=lambda page: (-page.score, page.page_id)):
        if best > 0 and page.score >= MIN_RELATIVE_SCORE * best:
            pages[page.municipality_code].append(page)
    theme_weight: dict[str, float] = defaultdict(float)
    for found in pages.values():
        for page in found:
            for slug in page.themes:
                theme_weight[slug] += page.score / best
    answers = defaultdict(list)
    for answer in evidence.answers:
        answers[answer.municipality_code].append(answer)
    asker = evidence.peers.get(request.asker_code)
    scored = []
    for code in sorted(evidence.peers):
        peer = evidence.peers[code]
        if code == request.asker_code or code in request.exclude or peer.absent:
            continue
        result = _score(
            request, peer, asker, pages[code], best, theme_weight, answers[code], evidence
        )
        if result is not None:
            scored.append(result)
    scored.sort(key=lambda item: (-item.score, item.peer.code))
    # The fairness cap: a peer that had its share this week waits behind every other
    # peer with evidence; it is asked only when they are too few.
    ordered = [item for item in scored if not item.over_capacity]
    ordered += [item for item in scored if item.over_capacity]
    return [_candidate(item) for item in ordered[:limit]]


def preview(
    request: RoutingRequest, *, limit: int = DEFAULT_LIMIT, members: bool = True
) -> list[Candidate]:
    """Gather the evidence and route: who would receive this question, and why.

    ``members``: the reader may see members-only pages, whose titles may then be
    named in the reasons; without it those pages do not count at all.
    """
    if request.today is None:
        request = RoutingRequest(**{**request.__dict__, "today": timezone.localdate()})
    return route(request, gather(request, members=members), limit)
