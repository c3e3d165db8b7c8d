"""Who may see and do what with questions: the one place pages and the API ask.

A question belongs to the asking municipality, and case details stay between the
parties unless the asker chose otherwise (``Question.visibility``):

* **involved** (the default): members of the asking municipality, members of every
  municipality it was put to (an invitation in any state: whoever has read it once
  keeps reading it, the thread they answered in included), and the moderators;
* **members**: every member, that is every user acting for a municipality (a
  Membership; a login alone is not enough, because questions are between
  municipalities), and the moderators;
* **public once resolved**: everyone, anonymous visitors included, once the asker
  accepted an answer; members before that.

An invitation is acted on (accepted, declined, passed on) by its municipality's
knowledge brokers; a municipality without a broker falls back to its editors, so no
invitation lands with nobody. A colleague it was passed to acts on it too, and the
moderators (the Kennisredactie, and superusers) may do everything.

Nothing here reads a request: the functions take a user, so the pages, the API and
the tasks share them.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from cases.editors import is_moderator
from municipalities.membership import Affiliation, members, membership_of
from municipalities.models import Membership, Municipality, Role
from questions.models import (
    PENDING_STATES,
    Answer,
    Invitation,
    InvitationState,
    Question,
    QuestionState,
    QuestionVisibility,
)

User = AbstractBaseUser | AnonymousUser

# An invited municipality may answer while its invitation is still live.
ANSWERING_STATES = (*PENDING_STATES, InvitationState.ANSWERED)


def affiliation(user: User) -> Affiliation | None:
    """membership_of, remembered on the user: a page asks several times."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_kb_affiliation"):
        user._kb_affiliation = membership_of(user)
    return user._kb_affiliation


def can_ask(user: User) -> bool:
    """Only members ask: a question is put on behalf of a municipality."""
    return affiliation(user) is not None


def _my_municipality(user: User) -> Subquery:
    return Subquery(Membership.objects.filter(user_id=user.pk).values("municipality_id")[:1])


def is_member(user: User) -> bool:
    """Whether ``user`` reads what is for "all members": a member of a municipality, or
    a moderator. A login alone is not enough (visible_questions says the same in SQL)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_moderator(user) or Membership.objects.filter(user_id=user.pk).exists()


def visible_questions(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """The questions ``user`` may read, as one query (filter or order it further)."""
    questions = Question.objects.all() if queryset is None else queryset
    public = Q(visibility=QuestionVisibility.PUBLIC_WHEN_RESOLVED, state=QuestionState.RESOLVED)
    if not user.is_authenticated or not user.is_active:
        return questions.filter(public)
    if is_moderator(user):
        return questions
    mine = _my_municipality(user)
    is_member = Exists(Membership.objects.filter(user_id=user.pk))
    invited = Exists(Invitation.objects.filter(question_id=OuterRef("pk"), municipality_id=mine))
    everyone_member = Q(
        visibility__in=[QuestionVisibility.MEMBERS, QuestionVisibility.PUBLIC_WHEN_RESOLVED]
    )
    return questions.filter(
        public | (Q(is_member) & (everyone_member | Q(municipality_id=mine) | Q(invited)))
    )


def can_view(user: User, question: Question) -> bool:
    return visible_questions(user).filter(pk=question.pk).exists()


def is_open(question: Question) -> bool:
    return question.state in (QuestionState.OPEN, QuestionState.ANSWERED)


def can_answer(user: User, question: Question) -> bool:
    """Members of a municipality the question was put to (while their invitation lives).

    A moderator who acts for a municipality may answer any open question on its
    behalf; an answer is always a municipality's (Answer.municipality), so a
    moderator without one cannot.
    """
    mine = affiliation(user)
    if mine is None or not is_open(question):
        return False
    if mine.municipality.pk == question.municipality_id:
        return False
    if is_moderator(user):
        return True
    return question.invitations.filter(
        municipality=mine.municipality, state__in=ANSWERING_STATES
    ).exists()


def receivers(municipality: Municipality) -> QuerySet:
    """Who gets a municipality's invitations: its brokers, else its editors.

    Whether a municipality has a broker is judged on people. A partner system's
    account (api.partner_accounts) is one of its brokers and sees the invitations
    through the API, but nobody reads mail for it: a municipality whose only broker
    is its partner system still reaches its editors too, or its questions would
    wait unseen on the site. (``partner_token`` is the reverse side of the token's
    account, named here so this app need not import ``api``, which sits above it.)
    """
    brokers = members(municipality, Role.KNOWLEDGE_BROKER)
    if brokers.filter(partner_token__isnull=True).exists():
        return brokers
    editors = members(municipality, Role.EDITOR)
    return get_user_model().objects.filter(
        Q(pk__in=brokers.values("pk")) | Q(pk__in=editors.values("pk"))
    )


def receives_for(user: User, municipality: Municipality) -> bool:
    return receivers(municipality).filter(pk=user.pk).exists()


def can_act_on(user: User, invitation: Invitation) -> bool:
    """Accept, decline or pass on: the receivers, the assigned colleague, moderators."""
    if invitation.state not in PENDING_STATES or not user.is_authenticated:
        return False
    if is_moderator(user) or invitation.assignee_id == user.pk:
        return True
    mine = affiliation(user)
    return (
        mine is not None
        and mine.municipality.pk == invitation.municipality_id
        and receives_for(user, mine.municipality)
    )


def inbox(user: User) -> QuerySet:
    """The invitations ``user`` receives: their municipality's (as receiver) or passed to them."""
    if not user.is_authenticated or not user.is_active:
        return Invitation.objects.none()
    assigned = Q(assignee_id=user.pk)
    mine = affiliation(user)
    if mine is None or not receives_for(user, mine.municipality):
        return Invitation.objects.filter(assigned)
    return Invitation.objects.filter(assigned | Q(municipality=mine.municipality))


def waiting(user: User) -> QuerySet:
    """The invitations in ``user``'s inbox that still wait for an action on an open question."""
    return inbox(user).filter(
        state__in=PENDING_STATES,
        question__state__in=[QuestionState.OPEN, QuestionState.ANSWERED],
    )


def can_see_invitations(user: User, question: Question) -> bool:
    """Who was invited and why: the asking municipality and the moderators."""
    if is_moderator(user):
        return True
    mine = affiliation(user)
    return mine is not None and mine.municipality.pk == question.municipality_id


def can_accept(user: User, answer: Answer) -> bool:
    """The asker accepts one answer, while the question is open."""
    question = answer.question
    return user.is_authenticated and question.asker_id == user.pk and is_open(question)


def can_rate(user: User, answer: Answer) -> bool:
    """Only the asker rates: the rating is their feedback to the answerer."""
    return user.is_authenticated and answer.question.asker_id == user.pk


def can_draft_lesson(user: User, answer: Answer) -> bool:
    """An accepted answer becomes a les: drafted by its author or a moderator.

    The author knows what is reusable in it; the Kennisredactie reviews every les
    anyway (the review workflow), so nobody else needs to start one.
    """
    if not answer.accepted or not user.is_authenticated or not user.is_active:
        return False
    return answer.author_id == user.pk or is_moderator(user)


def can_close(user: User, question: Question) -> bool:
    """The asker withdraws their question; a moderator closes any open one."""
    if not is_open(question) or not user.is_authenticated:
        return False
    return question.asker_id == user.pk or is_moderator(user)
