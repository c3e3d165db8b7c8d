"""The router's reasons as a person reads them: one phrase each, naming real things.

Each phrase names what can be checked (page titles and addresses, theme labels,
the peer's own numbers), and carries the same facts as structured data for the
API and the invitation record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from questions.routing_request import AnsweredQuestion, Evidence, Peer, Reason
from search.documents import CASE
from search.service import DocumentMatch

# Kinds the one-sentence summary names; responsiveness and load are details.
IN_SENTENCE = ("documents", "themes", "answers", "context")
TITLES_NAMED = 2


def _reason(kind: str, text: str, data: dict) -> Reason:
    return Reason(kind=kind, text=text, data=data)


def _lower_first(label: str) -> str:
    """ "Inkomen en schulden" reads "inkomen en schulden" mid-sentence; "HR" stays "HR"."""
    if label[1:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _topic(
    pages: Sequence[DocumentMatch],
    wanted: Sequence[str],
    weight: Mapping[str, float],
    labels: Mapping[str, str],
):
    """The theme of these pages the question is most about.

    One the question asked for first; otherwise the one that weighs most over all
    matching pages of all municipalities (what the question is evidently about),
    then the one most of these pages share.
    """
    counts = Counter(slug for page in pages for slug in page.themes if slug in labels)
    if not counts:
        return None
    return min(
        counts, key=lambda slug: (slug not in wanted, -weight.get(slug, 0), -counts[slug], slug)
    )


def documents(
    pages: Sequence[DocumentMatch],
    wanted: Sequence[str],
    weight: Mapping[str, float],
    labels: Mapping[str, str],
    best: float,
):
    cases = sum(page.type == CASE for page in pages)
    lessons = len(pages) - cases
    counted = [
        ngettext("%(n)d casusblad", "%(n)d casusbladen", cases) % {"n": cases} if cases else "",
        ngettext("%(n)d lesson", "%(n)d lessons", lessons) % {"n": lessons} if lessons else "",
    ]
    what = _and([part for part in counted if part])
    topic = _topic(pages, wanted, weight, labels)
    named = ", ".join(f"'{page.title}'" for page in pages[:TITLES_NAMED])
    if len(pages) > TITLES_NAMED:
        named += ", …"
    if topic:
        text = _("%(what)s on %(topic)s (%(titles)s)") % {
            "what": what,
            "topic": _lower_first(labels[topic]),
            "titles": named,
        }
    else:
        text = _("%(what)s matching the question (%(titles)s)") % {"what": what, "titles": named}
    data = {
        "pages": [
            {
                "id": page.page_id,
                "type": page.type,
                "title": page.title,
                "url": page.url,
                "score": round(page.score / best, 3),
            }
            for page in pages
        ],
        "topic": topic,
    }
    return _reason("documents", text, data)


def themes(
    peer: Peer,
    covered: Sequence[str],
    declared: Sequence[str],
    decentralised: Sequence[str],
    evidence: Evidence,
):
    parts = []
    theme_labels = [_lower_first(evidence.theme_labels.get(slug, slug)) for slug in covered]
    if theme_labels:
        parts.append(_("publishes on %(themes)s") % {"themes": _and(theme_labels)})
    declared_labels = [_lower_first(evidence.theme_labels.get(slug, slug)) for slug in declared]
    if declared_labels:
        parts.append(_("names %(themes)s as its expertise") % {"themes": _and(declared_labels)})
    law_labels = [evidence.decentralisatie_labels.get(slug, slug) for slug in decentralised]
    if law_labels:
        parts.append(_("experience with %(laws)s") % {"laws": _and(law_labels)})
    data = {
        "themes": {slug: peer.page_themes[slug] for slug in covered},
        "declared": list(declared),
        "decentralisaties": {slug: peer.page_decentralisaties[slug] for slug in decentralised},
    }
    return _reason("themes", "; ".join(parts), data)


def answers(found: Sequence[AnsweredQuestion]):
    count = len(found)
    text = ngettext(
        "%(n)d accepted answer to a similar question",
        "%(n)d accepted answers to similar questions",
        count,
    ) % {"n": count}
    titles = [f"'{answer.title}'" for answer in found if answer.title][:TITLES_NAMED]
    if titles:
        text += f" ({', '.join(titles)})"
    data = {
        "questions": [
            {"id": answer.question_id, "title": answer.title, "similarity": answer.similarity}
            for answer in found
        ]
    }
    return _reason("answers", text, data)


def context(peer: Peer, same: Mapping[str, bool], profile_labels: Mapping[str, str]):
    parts = []
    if same["size_class"]:
        parts.append(_("similar size"))
    if same["province"]:
        parts.append(_("also in %(province)s") % {"province": peer.province})
    if same["profile"]:
        label = _lower_first(profile_labels.get(peer.profile, peer.profile))
        parts.append(_("same organisation profile (%(profile)s)") % {"profile": label})
    data = {"size_class": peer.size_class, "province": peer.province, "profile": peer.profile}
    return _reason("context", ", ".join(parts), {**data, "same": dict(same)})


def responsiveness(peer: Peer):
    text = _("took up %(responded)d of %(decided)d invitations") % {
        "responded": peer.responded,
        "decided": peer.decided,
    }
    if peer.median_hours_to_answer is not None:
        text += ", " + _("first answer after %(hours)d hours (median)") % {
            "hours": round(peer.median_hours_to_answer)
        }
    data = {
        "responded": peer.responded,
        "decided": peer.decided,
        "median_hours_to_answer": peer.median_hours_to_answer,
    }
    return _reason("responsiveness", text, data)


def load(peer: Peer):
    if peer.over_capacity:
        text = _(
            "already %(new)d new questions this week (capacity %(capacity)d); "
            "too few other municipalities with evidence"
        ) % {"new": peer.new_this_week, "capacity": peer.capacity}
    else:
        text = ngettext("%(n)d open invitation", "%(n)d open invitations", peer.pending) % {
            "n": peer.pending
        }
    data = {"pending": peer.pending, "new_this_week": peer.new_this_week, "capacity": peer.capacity}
    return _reason("load", text, data)
