"""Who hears what in the question flow: the one place that decides ("terugkoppeling").

Connected to ``questions.events.question_changed`` (QuestionsConfig.ready), so it
runs inside the transaction of the change and writes its notifications with it
(notifications.dispatch.notify): the lifecycle, the router and the follow-up sweep
only announce what happened. The rule:

* the **asker** hears every step of their question: invited, accepted, declined,
  expired, re-routed, answered, expired as a whole, and, some weeks after it was
  resolved, is asked "heeft het geholpen?";
* an **invited municipality** (its receivers, questions.access.receivers, and the
  colleague it was passed to) hears of the invitation, is reminded before and on
  the due date, and hears the outcome once an answer is accepted, whether or not
  it answered;
* an **answerer** hears that the asker accepted or rated their answer, with the
  rating and comment, and the asker's later "heeft het geholpen?" reply;
* the **Kennisredactie** hears of a question that re-routing could not place.

What a role must receive (an invitation, its reminders, the moderators' alert) is
``required``: a user's "no e-mail" preference does not silence it. Texts are
written in the site's language (settings.LANGUAGE_CODE), as stored notifications
are read later by their addressee, whoever triggered them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.editors import moderators
from notifications import kinds
from notifications.dispatch import notify
from questions.access import receivers
from questions.events import Change, Event
from questions.models import PENDING_STATES, Answer, Invitation, InvitationState, Question

LABELS = {
    Change.QUESTION_ROUTED: gettext_lazy("Your question was put to peers"),
    Event.INVITATION_CREATED: gettext_lazy("New questions for your municipality"),
    Change.INVITATION_ACCEPTED: gettext_lazy("A peer took your question on"),
    Change.INVITATION_DECLINED: gettext_lazy("A peer declined your question"),
    Change.INVITATION_EXPIRED: gettext_lazy("A peer did not respond in time"),
    Change.INVITATION_REROUTED: gettext_lazy("Your question was put to another peer"),
    Change.INVITATION_DUE_SOON: gettext_lazy("Reminders before an invitation is due"),
    Change.INVITATION_DUE_TODAY: gettext_lazy("Reminders on the due date"),
    Event.ANSWER_CREATED: gettext_lazy("Answers to your questions"),
    Event.QUESTION_RESOLVED: gettext_lazy("Outcome of questions you were asked"),
    Change.ANSWER_RATED: gettext_lazy("Ratings of your answers"),
    Change.QUESTION_EXPIRED: gettext_lazy("Your question expired"),
    Change.QUESTION_CLOSED: gettext_lazy("Questions you were asked that were withdrawn"),
    Change.QUESTION_STUCK: gettext_lazy("Questions nobody could take on (Kennisredactie)"),
    Change.HELPED_ASKED: gettext_lazy('"Did it help?" about your resolved questions'),
    Change.HELPED_REPLIED: gettext_lazy("Whether your answer helped in practice"),
}


def register_kinds() -> None:
    for event, label in LABELS.items():
        kinds.register(str(event), label)


@dataclass(frozen=True)
class Message:
    """One notice to a set of people: what notify needs, before it is rendered."""

    people: Iterable
    subject: str
    paragraphs: tuple[str, ...]
    url: str
    quote: str = ""
    required: bool = False


def _day(date) -> str:
    return formats.date_format(date, "j F Y")


def _question_url(question: Question) -> str:
    return reverse("questions:detail", args=[question.pk])


def _invited(invitation: Invitation) -> list:
    """An invitation's receivers and the colleague it was passed to."""
    people = list(receivers(invitation.municipality))
    if invitation.assignee is not None and invitation.assignee.is_active:
        people.append(invitation.assignee)
    return people


def _to_asker(question: Question, subject: str, *paragraphs: str, quote: str = "") -> Message:
    return Message([question.asker], subject, paragraphs, _question_url(question), quote)


def _routed(question: Question, _subject) -> list[Message]:
    names = ", ".join(str(i.municipality) for i in question.invitations.order_by("rank"))
    return [
        _to_asker(
            question,
            _("Your question was put to %(names)s") % {"names": names},
            _("The router chose these municipalities for “%(title)s”; you hear when "
              "they respond.") % {"title": question.title},
        )
    ]  # fmt: skip


def _invitation_created(question: Question, invitation: Invitation) -> list[Message]:
    values = {"title": question.title, "asker": question.municipality,
              "day": _day(invitation.due_on)}  # fmt: skip
    return [
        Message(
            _invited(invitation),
            _("New question from %(asker)s: %(title)s") % values,
            (_("%(asker)s asks your municipality for its experience. Please accept or "
               "decline the invitation by %(day)s.") % values,
             invitation.reason_text),
            reverse("questions:inbox"),
            required=True,
        )
    ]  # fmt: skip


def _accepted(question: Question, invitation: Invitation) -> list[Message]:
    values = {"m": invitation.municipality, "title": question.title}
    return [
        _to_asker(
            question,
            _("%(m)s took your question on") % values,
            _("%(m)s accepted the invitation for “%(title)s” and will answer.") % values,
        )
    ]


def _declined(question: Question, invitation: Invitation) -> list[Message]:
    values = {"m": invitation.municipality, "title": question.title}
    return [
        _to_asker(
            question,
            _("%(m)s declined your question") % values,
            _("%(m)s cannot answer “%(title)s”.") % values,
            quote=invitation.decline_reason,
        )
    ]  # fmt: skip


def _expired(question: Question, invitation: Invitation) -> list[Message]:
    values = {"m": invitation.municipality, "day": _day(invitation.due_on)}
    return [
        _to_asker(
            question,
            _("%(m)s did not respond in time") % values,
            _("%(m)s did not accept the invitation by %(day)s.") % values,
        )
    ]  # fmt: skip


def _rerouted(question: Question, invitation: Invitation) -> list[Message]:
    values = {"m": invitation.municipality, "before": invitation.rerouted_from.municipality,
              "day": _day(invitation.due_on)}  # fmt: skip
    return [
        _to_asker(
            question,
            _("Your question was put to %(m)s") % values,
            _("Instead of %(before)s, %(m)s was invited; it has until %(day)s to "
              "respond.") % values,
            invitation.reason_text,
        )
    ]  # fmt: skip


def _reminder(question: Question, invitation: Invitation, *, today: bool) -> list[Message]:
    values = {"title": question.title, "day": _day(invitation.due_on)}
    if today:
        subject = _("Due today: %(title)s") % values
    else:
        subject = _("Due on %(day)s: %(title)s") % values
    waiting = (
        _("Your municipality accepted this question; the asker waits for your answer.")
        if invitation.state == InvitationState.ACCEPTED
        else _("Accept or decline the invitation; otherwise it goes to another municipality.")
    )
    return [
        Message(
            _invited(invitation),
            subject,
            (_("The invitation for “%(title)s” is due on %(day)s.") % values, waiting),
            _question_url(question),
            required=True,
        )
    ]


def _answered(question: Question, answer: Answer) -> list[Message]:
    values = {"m": answer.municipality, "title": question.title}
    return [
        _to_asker(
            question,
            _("%(m)s answered your question") % values,
            _("%(m)s answered “%(title)s”. Accept the answer that helps you, and rate "
              "it: the answerer hears your rating.") % values,
        )
    ]  # fmt: skip


def _resolved(question: Question, answer: Answer) -> list[Message]:
    """Every invited municipality hears the outcome, whether it answered or not."""
    values = {"m": answer.municipality, "title": question.title}
    invited = [
        person
        for invitation in question.invitations.select_related("municipality", "assignee")
        for person in _invited(invitation)
    ]
    answerers = [a.author for a in question.answers.select_related("author")]
    return [
        Message(
            [person for person in invited + answerers if person.pk != answer.author_id],
            _("Resolved: %(title)s") % values,
            (_("The asker accepted the answer of %(m)s to “%(title)s”. Thank you for "
               "your part in the exchange.") % values,),
            _question_url(question),
        ),
        Message(
            [answer.author],
            _("Your answer was accepted: %(title)s") % values,
            (_("The asker accepted your answer to “%(title)s”.") % values,),
            _question_url(question),
        ),
    ]  # fmt: skip


def _rated(question: Question, answer: Answer) -> list[Message]:
    values = {"title": question.title, "rating": answer.get_rating_display()}
    return [
        Message(
            [answer.author],
            _("Your answer was rated: %(rating)s") % values,
            (_("The asker rated your answer to “%(title)s”: %(rating)s.") % values,),
            _question_url(question),
            quote=answer.rating_comment,
        )
    ]


def _closed(question: Question, _subject) -> list[Message]:
    """Whoever still works on it hears that nobody waits for their answer any more."""
    pending = question.invitations.filter(state__in=PENDING_STATES)
    people = [
        person
        for invitation in pending.select_related("municipality", "assignee")
        for person in _invited(invitation)
    ]
    values = {"title": question.title, "m": question.municipality}
    return [
        Message(
            people,
            _("Withdrawn: %(title)s") % values,
            (
                _(
                    "%(m)s no longer needs an answer to “%(title)s”: the question was closed. "
                    "Thank you for your time; nothing more is asked of you."
                )
                % values,
            ),
            _question_url(question),
        )
    ]


def _question_expired(question: Question, _subject) -> list[Message]:
    values = {"title": question.title, "day": _day(question.wanted_by)}
    return [
        _to_asker(
            question,
            _("No answer by %(day)s: %(title)s") % values,
            _(
                "Your question got no answer by the date you needed it, and has expired. "
                "Ask it again with a later date, or ask the Kennisredactie for help."
            )
            % values,
        )
    ]


def _stuck(question: Question, _subject) -> list[Message]:
    values = {"title": question.title, "asker": question.municipality}
    return [
        Message(
            moderators(),
            _("Nobody takes on: %(title)s") % values,
            (_("The question of %(asker)s was declined or left lying by every "
               "municipality it was put to, and re-routing has stopped. Please find "
               "someone who can answer it.") % values,),
            _question_url(question),
            required=True,
        )
    ]  # fmt: skip


def _helped_asked(question: Question, _subject) -> list[Message]:
    values = {"title": question.title}
    return [
        Message(
            [question.asker],
            _("Did it help? %(title)s") % values,
            (_("Some weeks ago you accepted an answer to “%(title)s”. Did it help in "
               "practice? Your reply goes back to the answerers.") % values,),
            reverse("questions:helped", args=[question.pk]),
        )
    ]  # fmt: skip


def _helped_replied(question: Question, answer: Answer) -> list[Message]:
    values = {"title": question.title}
    if answer.helped:
        paragraph = _("The asker of “%(title)s” says your answer helped in practice.")
    else:
        paragraph = _("The asker of “%(title)s” says your answer did not help in practice.")
    return [
        Message(
            [a.author for a in question.answers.select_related("author")],
            _("Did your answer help? %(title)s") % values,
            (paragraph % values,),
            _question_url(question),
            quote=answer.helped_comment,
        )
    ]


# event -> (who hears what, the type its subject must have: None for the question).
AUDIENCES: dict[str, tuple[Callable[[Question, object], list[Message]], type | None]] = {
    Change.QUESTION_ROUTED: (_routed, None),
    Event.INVITATION_CREATED: (_invitation_created, Invitation),
    Change.INVITATION_ACCEPTED: (_accepted, Invitation),
    Change.INVITATION_DECLINED: (_declined, Invitation),
    Change.INVITATION_EXPIRED: (_expired, Invitation),
    Change.INVITATION_REROUTED: (_rerouted, Invitation),
    Change.INVITATION_DUE_SOON: (lambda q, i: _reminder(q, i, today=False), Invitation),
    Change.INVITATION_DUE_TODAY: (lambda q, i: _reminder(q, i, today=True), Invitation),
    Event.ANSWER_CREATED: (_answered, Answer),
    Event.QUESTION_RESOLVED: (_resolved, Answer),
    Change.ANSWER_RATED: (_rated, Answer),
    Change.QUESTION_EXPIRED: (_question_expired, None),
    Change.QUESTION_CLOSED: (_closed, None),
    Change.QUESTION_STUCK: (_stuck, None),
    Change.HELPED_ASKED: (_helped_asked, None),
    Change.HELPED_REPLIED: (_helped_replied, Answer),
}


def _send(kind: str, message: Message) -> None:
    context = {"paragraphs": [p for p in message.paragraphs if p], "quote": message.quote}
    text = render_to_string("questions/notices/notice.txt", context).strip()
    html = render_to_string("questions/notices/notice.html", context)
    seen: set[int] = set()
    for person in message.people:
        if person.pk in seen:
            continue  # a broker who also answered hears it once
        seen.add(person.pk)
        notify(person, kind=kind, subject=message.subject, text=text, html=html,
               url=message.url, required=message.required)  # fmt: skip


def on_question_changed(sender, event, question, subject=None, **kwargs) -> None:
    """Tell whoever must hear of ``event`` (nobody, for an event without audience).

    An event announced without the subject its message names (an answer, an
    invitation) tells nobody: there is nothing to say who acted.
    """
    audience, subject_type = AUDIENCES.get(str(event), (None, None))
    if audience is None or (subject_type is not None and not isinstance(subject, subject_type)):
        return
    with translation.override(settings.LANGUAGE_CODE):
        for message in audience(question, subject):
            _send(str(event), message)
