"""What the ask form shows beside the question while it is written.

Three things help an asker before they post: what the platform already knows
(similar casusbladen and lessen, and questions already answered), the privacy
guard's findings, and who will receive the question and why (the router's
preview). The page renders the same panel twice: live, while typing (the JSON
endpoint, called by static/questions/ask.js), and on submit without JavaScript.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q

from questions import access, privacy
from questions.models import QuestionState
from search.client import is_configured
from search.documents import QUESTION
from search.highlights import plain_text
from search.service import SearchRequest, search

SIMILAR_LIMIT = 5
RECEIVERS_LIMIT = 5
MIN_WORD = 5  # shorter words ("welke", "hoe") say little about what a question is about


@dataclass
class Panel:
    findings: dict[str, list[privacy.Finding]] = field(default_factory=dict)
    similar: list = field(default_factory=list)  # search.service.Hit
    answered: list = field(default_factory=list)  # resolved Questions the asker may read
    receivers: list = field(default_factory=list)  # questions.routing.Candidate

    @property
    def has_findings(self) -> bool:
        return any(self.findings.values())

    @property
    def has_blocking(self) -> bool:
        return any(privacy.blocking(found) for found in self.findings.values())


def routing_preview(user, *, title: str, body: str, themes, decentralisaties) -> list:
    """The router's top candidates for the draft, as the ask form shows them."""
    from questions.routing import RoutingRequest, preview

    mine = access.affiliation(user)
    request = RoutingRequest(
        title=title,
        body=body,
        themes=tuple(themes),
        decentralisaties=tuple(decentralisaties),
        asker_code=mine.municipality.cbs_code if mine else "",
    )
    return preview(request, limit=RECEIVERS_LIMIT, members=True)


def answered_questions(user, text: str) -> list:
    """Resolved questions like ``text`` that the user may read, best match first.

    Search finds them (type ``vraag``: the Dutch analysis and synonyms, over the
    question and its accepted answer, questions.search_source); the database then
    confirms each one is readable by this user, so the panel never shows more than
    the question page would. Without a working Elasticsearch (the demo on SQLite),
    the titles that share a telling word with the draft are shown instead.
    """
    found = search(
        SearchRequest(
            q=text,
            filters={"type": [QUESTION]},
            members=True,
            questions=True,
            question_members=True,  # each hit is checked against the user below
            page_size=SIMILAR_LIMIT,
            whole_text=True,
        )
    )
    if not is_configured() or found.degraded:
        return _sharing_a_word(user, text)
    ids = [hit.question_id for hit in found.hits if hit.question_id is not None]
    readable = access.visible_questions(user).filter(pk__in=ids).in_bulk()
    return [readable[pk] for pk in ids if pk in readable]


def _sharing_a_word(user, text: str) -> list:
    words = sorted({w for w in re.findall(r"\w+", text.lower()) if len(w) >= MIN_WORD})[:12]
    if not words:
        return []
    matches = Q()
    for word in words:
        matches |= Q(title__icontains=word)
    resolved = access.visible_questions(user).filter(state=QuestionState.RESOLVED)
    return list(resolved.filter(matches).order_by("-resolved_at")[:SIMILAR_LIMIT])


def build(user, *, title: str, body: str, themes=(), decentralisaties=()) -> Panel:
    """The panel for a draft: ``body`` is plain text or HTML; themes are term slugs."""
    text = plain_text(body)
    panel = Panel(findings={"titel": privacy.scan(title), "vraag": privacy.scan(text)})
    draft = f"{title} {text}".strip()
    if len(draft) < MIN_WORD:
        return panel
    panel.similar = search(
        SearchRequest(q=draft, members=True, page_size=SIMILAR_LIMIT, whole_text=True)
    ).hits
    panel.answered = answered_questions(user, draft)
    panel.receivers = routing_preview(
        user, title=title, body=text, themes=themes, decentralisaties=decentralisaties
    )
    return panel
