"""Gathering what the router weighs: every municipality's pages, answers and record.

One search call (``search.service.match_documents``: Elasticsearch, or the
database when it is down or not configured) finds each municipality's best pages
for the question; what changes only when pages are published (each
municipality's pages per theme, its name and size) comes from the cache of
``questions.published``; a fixed number of database queries, whatever the number
of municipalities, gives the rest: declared themes, capacity, absences,
invitation history and accepted answers.
"""

from __future__ import annotations

import datetime
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from cases.models import Vocabulary
from questions.models import (
    DEFAULT_CAPACITY,
    PENDING_STATES,
    Absence,
    Answer,
    ExpertiseProfile,
    Invitation,
    InvitationState,
    QuestionState,
    QuestionVisibility,
)
from questions.published import published
from questions.routing_request import AnsweredQuestion, Evidence, Peer, RoutingRequest
from search import fallback_words, query_text
from search.highlights import plain_text
from search.service import match_documents

# Municipalities the router may ask whose best pages are fetched: ten times the
# invitations of a question (k = 5), so the context, responsiveness and load can
# still reorder them; the municipalities it may not ask come on top (gather).
MATCHED_MUNICIPALITIES = 50
PAGES_PER_MUNICIPALITY = 3
HISTORY_DAYS = 365  # responsiveness is judged on the last year
ANSWERS_COMPARED = 500  # the most recent accepted answers compared with the question
MIN_SHARED_WORDS, MIN_SIMILARITY = 2, 0.5
RESPONDED = (InvitationState.ACCEPTED, InvitationState.PASSED_ON, InvitationState.ANSWERED)
DECIDED = (*RESPONDED, InvitationState.DECLINED, InvitationState.EXPIRED)


# Words every question between municipalities uses ("hoe doen andere gemeenten
# dat?"): they match every page and say nothing about who knows the answer.
QUESTION_FILLER = frozenset(
    {
        "andere",
        "collega",
        "collegas",
        "ervaring",
        "ervaringen",
        "gemeente",
        "gemeenten",
        "graag",
        "hoe",
        "iemand",
        "onze",
        "tips",
        "vraag",
        "weet",
        "wie",
        "wij",
        "willen",
    }
)
_WORD = re.compile(r"[\w']+")


def _says_something(word: str) -> bool:
    folded = query_text.fold(word).replace("'", "")
    return folded not in QUESTION_FILLER and folded not in fallback_words.STOP_WORDS


def question_text(request: RoutingRequest) -> str:
    """The question's title and text without function words and the words every question has.

    A question is a sentence, not a search box query: its "we", "als" and "de" would
    otherwise match the unstemmed subfields of every page that has them in a title.
    """
    text = f"{request.title}\n{plain_text(request.body)}"
    return " ".join(word for word in _WORD.findall(text) if _says_something(word))


def content_words(text: str) -> set[str]:
    """Stemmed words that say something (the fallback's stop words and stemmer)."""
    return {
        fallback_words.stem(word)
        for word in query_text.words(text)
        if word not in fallback_words.STOP_WORDS and len(word) > 2
    }


def _history(today: datetime.date, only: str | None = None) -> dict[str, dict]:
    """Per municipality (or `only` that CBS code): open invitations, new ones this week,
    take-up, time to answer."""
    monday = today - datetime.timedelta(days=today.weekday())
    week_start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    since = week_start - datetime.timedelta(days=HISTORY_DAYS)
    record: dict[str, dict] = defaultdict(
        lambda: {"pending": 0, "new": 0, "responded": 0, "decided": 0, "hours": []}
    )
    invited_at = {}
    invitations = Invitation.objects.filter(created_at__gte=since)
    if only is not None:
        invitations = invitations.filter(municipality__cbs_code=only)
    rows = invitations.values_list("municipality__cbs_code", "question_id", "state", "created_at")
    for code, question_id, state, created_at in rows:
        entry = record[code]
        entry["pending"] += state in PENDING_STATES
        entry["new"] += created_at >= week_start
        entry["responded"] += state in RESPONDED
        entry["decided"] += state in DECIDED
        invited_at[(code, question_id)] = created_at
    answers = Answer.objects.filter(created_at__gte=since)
    if only is not None:
        answers = answers.filter(municipality__cbs_code=only)
    first_answers = answers.values_list(
        "municipality__cbs_code", "question_id", "created_at"
    ).order_by("created_at")
    answered = set()
    for code, question_id, created_at in first_answers:
        key = (code, question_id)
        if key in invited_at and key not in answered:
            answered.add(key)
            record[code]["hours"].append((created_at - invited_at[key]).total_seconds() / 3600)
    return record


def _median(hours: list[float] | None) -> float | None:
    return statistics.median(hours) if hours else None


@dataclass(frozen=True)
class Responsiveness:
    """How one municipality answered its invitations over the last year, as the router saw it."""

    responded: int  # accepted, passed on or answered
    decided: int  # no longer waiting: responded, declined or expired
    median_hours_to_answer: float | None

    @property
    def share_responded(self) -> float | None:
        return self.responded / self.decided if self.decided else None


def responsiveness(code: str, today: datetime.date | None = None) -> Responsiveness:
    """One municipality's record (CBS ``code``), from the same history the router reads."""
    past = _history(today or timezone.localdate(), only=code).get(code, {})
    return Responsiveness(
        responded=past.get("responded", 0),
        decided=past.get("decided", 0),
        median_hours_to_answer=_median(past.get("hours")),
    )


def _answered(request: RoutingRequest, members: bool) -> list[AnsweredQuestion]:
    wanted = content_words(question_text(request))
    found = []
    accepted = (
        Answer.objects.filter(accepted=True)
        .select_related("question", "municipality")
        .order_by("-created_at", "-pk")[:ANSWERS_COMPARED]
    )
    for answer in accepted:
        title_words = content_words(answer.question.title)
        shared = len(wanted & title_words)
        similarity = shared / len(title_words) if title_words else 0.0
        if shared >= MIN_SHARED_WORDS and similarity >= MIN_SIMILARITY:
            question = answer.question
            # A question's title is named only where this reader could read it anyway.
            named = (question.visibility == QuestionVisibility.MEMBERS and members) or (
                question.visibility == QuestionVisibility.PUBLIC_WHEN_RESOLVED
                and question.state == QuestionState.RESOLVED
            )
            found.append(
                AnsweredQuestion(
                    municipality_code=answer.municipality.cbs_code,
                    question_id=question.pk,
                    title=question.title if named else None,
                    similarity=round(similarity, 3),
                )
            )
    return found


def gather(request: RoutingRequest, *, members: bool) -> Evidence:
    today = request.today or timezone.localdate()
    known = published()
    view = known.view(members)
    capacities = dict(
        ExpertiseProfile.objects.values_list("municipality__cbs_code", "capacity_per_week")
    )
    declared: dict[str, set[str]] = defaultdict(set)
    through = ExpertiseProfile.declared_themes.through
    for code, slug in through.objects.values_list(
        "expertiseprofile__municipality__cbs_code", "term__slug"
    ):
        declared[code].add(slug)
    absent = set(
        Absence.objects.filter(starts_on__lte=today, ends_on__gte=today).values_list(
            "municipality__cbs_code", flat=True
        )
    )
    history = _history(today)
    peers = {}
    for town in known.towns:
        code = town.code
        past = history.get(code, {})
        peers[code] = Peer(
            code=code,
            name=town.name,
            province=town.province,
            size_class=town.size_class,
            profile=town.profile,
            page_themes=dict(view.themes.get(code, {})),
            page_decentralisaties=dict(view.decentralisaties.get(code, {})),
            declared_themes=frozenset(declared.get(code, ())),
            capacity=capacities.get(code, DEFAULT_CAPACITY),
            pending=past.get("pending", 0),
            new_this_week=past.get("new", 0),
            responded=past.get("responded", 0),
            decided=past.get("decided", 0),
            median_hours_to_answer=_median(past.get("hours")),
            absent=code in absent,
        )
    # The municipalities the router will not ask first (the asker, the ones asked
    # before, the absent, the ones at their weekly cap) must not take the places of
    # the ones it may ask: the fairness cap yields only when no other peer has
    # evidence, so those others' pages have to be fetched too.
    held_back = {
        code
        for code, peer in peers.items()
        if code == request.asker_code
        or code in request.exclude
        or peer.absent
        or peer.over_capacity
    }
    documents = match_documents(
        question_text(request),
        members=members,
        municipalities=MATCHED_MUNICIPALITIES + len(held_back),
        per_municipality=PAGES_PER_MUNICIPALITY,
    )
    return Evidence(
        peers=peers,
        documents=documents,
        answers=_answered(request, members),
        theme_labels=known.labels.get(Vocabulary.THEME, {}),
        decentralisatie_labels=known.labels.get(Vocabulary.DECENTRALISATION, {}),
        profile_labels=known.labels.get(Vocabulary.PROFILE, {}),
    )
