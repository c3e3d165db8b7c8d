"""Every state change of a question, an invitation and an answer: the one way in.

The pages, the API and the tasks call these functions and nothing else writes the
state, so the rules hold whoever acts: each function checks who acts
(questions.access) and whether the transition is allowed from the current state,
and raises ``Refused`` with a Dutch message otherwise. Each runs in one transaction
and locks the row it changes (``select_for_update``) before it reads the state, so
two brokers clicking at once, or an answer racing the asker's "accept", cannot
both win; a refusal leaves nothing half-written.

HTML from outside (question and answer bodies) is cleaned with the pages' own
allow-list (cases.rich_text), and read by the privacy guard (questions.privacy): a
BSN is refused, other personal data needs the author's confirmation.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import CasePage, LessonPage, Term, Vocabulary
from cases.rich_text import sanitise_html
from municipalities.models import Municipality
from questions import access, privacy
from questions.events import Change, Event, announce
from questions.models import (
    PENDING_STATES,
    Answer,
    Invitation,
    InvitationState,
    Question,
    QuestionState,
    QuestionVisibility,
    Rating,
)
from questions.models.question import BODY_LIMIT, TITLE_LIMIT
from search.highlights import plain_text

REASON_LIMIT = 2000
MAX_LINKED_PAGES = 10


class Refused(Exception):
    """An action that is not allowed, for this user or from this state.

    ``field`` names the input at fault (None: the action itself), so a form or the
    API can point at it. ``conflict``: the state of the question or invitation forbids
    it (already handled, no longer open), whoever acts; the API answers 409 to that
    and 403 to a refusal of the actor.
    """

    def __init__(self, message: str, *, field: str | None = None, conflict: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.conflict = conflict


class PrivacyRefused(Refused):
    """Personal data found: a BSN (always refused), or warnings not yet confirmed."""

    def __init__(self, findings: Mapping[str, list[privacy.Finding]]) -> None:
        self.findings = {name: found for name, found in findings.items() if found}
        blocking = [f for found in self.findings.values() for f in privacy.blocking(found)]
        self.needs_confirmation = not blocking
        if blocking:
            message = blocking[0].message
        else:
            message = _(
                "The text may contain personal data. Check the warnings and confirm "
                "that nothing in it identifies a person."
            )
        at_fault = next(
            (name for name, found in self.findings.items() if privacy.blocking(found)),
            next(iter(self.findings)),
        )
        super().__init__(message, field=at_fault)


def check_privacy(texts: Mapping[str, str], *, confirmed: bool) -> None:
    """Refuse a BSN in any of ``texts`` (plain text by field), or unconfirmed warnings."""
    findings = {name: privacy.scan(text) for name, text in texts.items()}
    refusal = PrivacyRefused(findings) if any(findings.values()) else None
    if refusal is not None and (not refusal.needs_confirmation or not confirmed):
        raise refusal


def _clean_body(body: str, *, field: str = "body") -> str:
    cleaned = sanitise_html(body or "")
    if not plain_text(cleaned):
        raise Refused(_("Write the text."), field=field)
    if len(cleaned) > BODY_LIMIT:
        raise Refused(
            _("The text is too long (at most %(limit)s characters).") % {"limit": BODY_LIMIT},
            field=field,
        )
    return cleaned


def _terms(values: Iterable, vocabulary: Vocabulary, field: str) -> list[Term]:
    """Terms of ``vocabulary`` from Term objects or slugs; anything else is refused."""
    slugs = {value.slug if isinstance(value, Term) else str(value) for value in values}
    terms = list(Term.objects.filter(vocabulary=vocabulary, slug__in=slugs))
    if len(terms) != len(slugs):
        unknown = sorted(slugs - {term.slug for term in terms})
        raise Refused(
            _("Unknown choice: %(values)s.") % {"values": ", ".join(unknown)}, field=field
        )
    return terms


def _enqueue_routing(question_id: int) -> None:
    """Hand the new question to the router's task (questions.tasks), after the commit."""
    from questions.tasks import route_question

    route_question.enqueue(question_id)


def ask(
    user,
    *,
    title: str,
    body: str,
    themes: Iterable = (),
    decentralisaties: Iterable = (),
    wanted_by: datetime.date | None = None,
    visibility: str = QuestionVisibility.INVOLVED,
    privacy_confirmed: bool = False,
) -> Question:
    """Post a question on behalf of the asker's municipality; the router runs afterwards."""
    mine = access.affiliation(user)
    if mine is None:
        raise Refused(_("Only members who act for a municipality can ask questions."))
    title = " ".join((title or "").split())
    if not title:
        raise Refused(_("Give the question a title."), field="title")
    if len(title) > TITLE_LIMIT:
        raise Refused(
            _("The title is too long (at most %(limit)s characters).") % {"limit": TITLE_LIMIT},
            field="title",
        )
    cleaned = _clean_body(body)
    if visibility not in QuestionVisibility.values:
        raise Refused(_("Choose who may read the question."), field="visibility")
    if wanted_by is not None and wanted_by <= timezone.localdate():
        raise Refused(_("The wanted-by date must lie in the future."), field="wanted_by")
    theme_terms = _terms(themes, Vocabulary.THEME, "themes")
    decentralisation_terms = _terms(
        decentralisaties, Vocabulary.DECENTRALISATION, "decentralisaties"
    )
    check_privacy({"title": title, "body": plain_text(cleaned)}, confirmed=privacy_confirmed)

    with transaction.atomic():
        question = Question(
            asker=user,
            municipality=mine.municipality,
            title=title,
            body=cleaned,
            visibility=visibility,
        )
        if wanted_by is not None:
            question.wanted_by = wanted_by
        question.save()
        question.themes.set(theme_terms)
        question.decentralisaties.set(decentralisation_terms)
        announce(Event.QUESTION_CREATED, question)
        transaction.on_commit(partial(_enqueue_routing, question.pk))
    return question


def _locked_invitation(user, invitation: Invitation) -> Invitation:
    """The invitation, locked and re-read, if ``user`` may act on it now."""
    locked = Invitation.objects.select_for_update().select_related("question").get(pk=invitation.pk)
    if not access.can_act_on(user, locked):
        if locked.state not in PENDING_STATES:
            raise Refused(
                _("This invitation is already %(state)s.") % {"state": locked.get_state_display()},
                conflict=True,
            )
        raise Refused(_("You cannot act on this invitation."))
    if not access.is_open(locked.question):
        raise Refused(_("The question is no longer open."), conflict=True)
    return locked


@transaction.atomic
def accept_invitation(user, invitation: Invitation) -> Invitation:
    """The municipality takes the question on."""
    locked = _locked_invitation(user, invitation)
    if locked.state == InvitationState.ACCEPTED:
        raise Refused(_("This invitation has already been accepted."), conflict=True)
    locked.state = InvitationState.ACCEPTED
    locked.responded_at = timezone.now()
    locked.save(update_fields=["state", "responded_at"])
    announce(Change.INVITATION_ACCEPTED, locked.question, locked)
    return locked


@transaction.atomic
def decline_invitation(user, invitation: Invitation, reason: str) -> Invitation:
    """The municipality will not answer; the reason tells the asker (and the router) why."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why you decline."), field="reason")
    if len(reason) > REASON_LIMIT:
        raise Refused(
            _("The reason is too long (at most %(limit)s characters).") % {"limit": REASON_LIMIT},
            field="reason",
        )
    check_privacy({"reason": reason}, confirmed=True)
    locked = _locked_invitation(user, invitation)
    locked.state = InvitationState.DECLINED
    locked.decline_reason = reason
    locked.responded_at = timezone.now()
    locked.save(update_fields=["state", "decline_reason", "responded_at"])
    announce(Change.INVITATION_DECLINED, locked.question, locked)
    return locked


@transaction.atomic
def pass_on(user, invitation: Invitation, *, colleague=None, municipality=None) -> Invitation:
    """Pass the invitation to a colleague (same municipality) or to another municipality.

    To a colleague, the invitation stays where it is with the colleague as assignee.
    To another municipality, this one is marked passed on and the other gets an
    invitation of its own, pointing back, with the same due date. Returns the
    invitation that now holds the question.
    """
    if (colleague is None) == (municipality is None):
        raise Refused(_("Choose a colleague or a municipality."), field="colleague")
    locked = _locked_invitation(user, invitation)
    if colleague is not None:
        if not (colleague.is_active and _acts_for(colleague, locked.municipality_id)):
            raise Refused(
                _("%(name)s does not act for %(municipality)s.")
                % {"name": colleague.get_full_name() or colleague.get_username(),
                   "municipality": locked.municipality},
                field="colleague",
            )  # fmt: skip
        locked.assignee = colleague
        locked.save(update_fields=["assignee"])
        return locked
    return _pass_to_municipality(user, locked, municipality)


def _acts_for(user, municipality_id: int) -> bool:
    membership = getattr(user, "municipality_membership", None)
    return membership is not None and membership.municipality_id == municipality_id


def _pass_to_municipality(user, locked: Invitation, municipality: Municipality) -> Invitation:
    question = locked.question
    if municipality.pk == question.municipality_id:
        raise Refused(
            _("The question comes from %(m)s.") % {"m": municipality}, field="municipality"
        )
    if question.invitations.filter(municipality=municipality).exists():
        raise Refused(
            _("%(m)s has already been asked this question.") % {"m": municipality},
            field="municipality",
            conflict=True,
        )
    locked.state = InvitationState.PASSED_ON
    locked.responded_at = timezone.now()
    locked.save(update_fields=["state", "responded_at"])
    sentence = _("Passed on by %(m)s.") % {"m": locked.municipality}
    last_rank = question.invitations.order_by("-rank").values_list("rank", flat=True).first()
    passed = Invitation.objects.create(
        question=question,
        municipality=municipality,
        passed_on_from=locked,
        rank=(last_rank or 0) + 1,
        score=0.0,
        reasons=[
            {
                "kind": "passed_on",
                "text": sentence,
                "data": {"from": locked.municipality.cbs_code, "by": user.pk},
            }
        ],
        reason_text=f"{municipality}: {sentence}",
        due_on=locked.due_on,
    )
    announce(Event.INVITATION_CREATED, question, passed)
    return passed


def _linked(pages: Iterable) -> list:
    ids = {getattr(page, "pk", page) for page in pages}
    if len(ids) > MAX_LINKED_PAGES:
        raise Refused(
            _("Link at most %(limit)s casusbladen and lessons.") % {"limit": MAX_LINKED_PAGES},
            field="linked_pages",
        )
    found = [
        *CasePage.objects.live().filter(pk__in=ids),
        *LessonPage.objects.live().filter(pk__in=ids),
    ]
    if len(found) != len(ids):
        raise Refused(_("Link only published casusbladen and lessons."), field="linked_pages")
    return found


@transaction.atomic
def answer(
    user, question: Question, *, body: str, linked_pages: Iterable = (), privacy_confirmed=False
) -> Answer:
    """An answer on behalf of the answerer's municipality; its invitation is then answered."""
    cleaned = _clean_body(body)
    pages = _linked(linked_pages)
    check_privacy({"body": plain_text(cleaned)}, confirmed=privacy_confirmed)
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if not access.can_answer(user, locked):
        if not access.is_open(locked):
            raise Refused(_("The question is no longer open."), conflict=True)
        raise Refused(_("Only the municipalities this question was put to can answer it."))
    mine = access.affiliation(user)
    created = Answer.objects.create(
        question=locked, author=user, municipality=mine.municipality, body=cleaned
    )
    created.linked_pages.set(pages)
    now = timezone.now()
    for invitation in locked.invitations.select_for_update().filter(
        municipality=mine.municipality, state__in=PENDING_STATES
    ):
        invitation.state = InvitationState.ANSWERED
        invitation.responded_at = invitation.responded_at or now
        invitation.save(update_fields=["state", "responded_at"])
    if locked.state == QuestionState.OPEN:
        locked.state = QuestionState.ANSWERED
        locked.save(update_fields=["state", "updated_at"])
    announce(Event.ANSWER_CREATED, locked, created)
    return created


@transaction.atomic
def accept_answer(user, answer: Answer) -> Answer:
    """The asker accepts an answer: the question is resolved."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    locked = Answer.objects.select_for_update().select_related("question").get(pk=answer.pk)
    locked.question = question
    if not access.can_accept(user, locked):
        if question.asker_id != user.pk:
            raise Refused(_("Only the asker can accept an answer."))
        raise Refused(_("The question is no longer open."), conflict=True)
    locked.accepted = True
    locked.save(update_fields=["accepted"])
    question.state = QuestionState.RESOLVED
    question.resolved_at = timezone.now()
    question.save(update_fields=["state", "resolved_at", "updated_at"])
    announce(Event.QUESTION_RESOLVED, question, locked)
    return locked


def clean_comment(comment: str) -> str:
    """An asker's comment to the answerers: trimmed, bounded, and free of a BSN."""
    comment = (comment or "").strip()
    if len(comment) > REASON_LIMIT:
        raise Refused(
            _("The comment is too long (at most %(limit)s characters).") % {"limit": REASON_LIMIT},
            field="comment",
        )
    check_privacy({"comment": comment}, confirmed=True)
    return comment


@transaction.atomic
def rate(user, answer: Answer, *, rating: str, comment: str = "") -> Answer:
    """The asker's feedback to the answerer: helpful or not, with an optional comment."""
    if rating not in Rating.values:
        raise Refused(_("Choose helpful or not helpful."), field="rating")
    comment = clean_comment(comment)
    locked = Answer.objects.select_for_update().select_related("question").get(pk=answer.pk)
    if not access.can_rate(user, locked):
        raise Refused(_("Only the asker can rate an answer."))
    locked.rating = rating
    locked.rating_comment = comment
    locked.save(update_fields=["rating", "rating_comment"])
    announce(Change.ANSWER_RATED, locked.question, locked)
    return locked


@transaction.atomic
def close(user, question: Question) -> Question:
    """The asker withdraws the question, or a moderator closes it."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if not access.can_close(user, locked):
        if not access.is_open(locked):
            raise Refused(_("The question is no longer open."), conflict=True)
        raise Refused(_("Only the asker or a moderator can close this question."))
    locked.state = QuestionState.CLOSED
    locked.save(update_fields=["state", "updated_at"])
    announce(Change.QUESTION_CLOSED, locked)
    return locked
