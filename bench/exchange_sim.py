"""A simulated week of the exchange: does the follow-up loop get questions answered?

    .venv/bin/python bench/exchange_sim.py [--questions 200] [--invitations 3]
        [--pages 1500] [--seed 8] [--index-prefix kennisbank-bench-exchange]

A scratch SQLite database gets all municipalities, their editors and the demo
content, plus ``--pages`` casusbladen and lessen cloned from the demo to
municipalities drawn weighted by population (bench/search_bench.make_fallback_pages):
a large municipality publishes more, some small ones nothing, as in the country;
the demo alone puts everything in ~38 municipalities, too few for the fairness
cap to hold. All of it is indexed in a bench index of its own (prefix
``--index-prefix``), and every municipality gets a knowledge broker. On a
fake clock (``django.utils.timezone.now`` replaced, so every created_at, due date
and sweep reads it) ``--questions`` questions arrive over one working week from
municipalities weighted by population, with texts from the routing set (questions
on the demo content's themes, which the clones share). The real code runs them:
``lifecycle.ask`` and the router's task (called in place), the brokers through
``lifecycle`` (accept, decline, answer), the asker accepting the first answer a
day later, and one follow-up sweep (``questions.followup.sweep``) every working
day at 9:00 and 15:00.

Brokers: a tenth of the municipalities never react; a tenth is absent (an Absence
row) for the whole week; the others accept 70 % of invitations (after 0-3 working
days), decline 15 % and let 15 % lie, and answer 1-3 working days after accepting.
Each draw depends only on (seed, question, municipality), so the run without
re-routing (``QUESTION_MAX_REROUTES = 0``, same questions, same brokers) differs
only by what the loop does. Printed: share answered before the wanted-by date,
median time to first answer, re-routings, invitations per municipality (max, and
the Gini of insights.metrics over every municipality, uninvited ones counting as 0,
and over the invited ones only), municipalities that got more new invitations in
one calendar week (Monday to Sunday, local time: the router's week) than their
capacity (ExpertiseProfile, default 3), reminders sent. Targets: >= 90 % answered,
Gini <= 0.5, nobody above capacity. Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import random
import statistics
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
from index_bench import prepare, setup
from search_bench import make_fallback_pages

WORKING_DAYS = 15  # the week of questions, then the wanted-by window of the last one
SWEEP_HOURS = (9, 15)


def draw(seed: int, *key) -> random.Random:
    """A generator that depends only on its key: the same broker in both runs."""
    digest = hashlib.sha256(repr((seed, *key)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 - a simulation


class Clock:
    """The fake clock every part of the code reads through django.utils.timezone.now."""

    def __init__(self, start: datetime.datetime) -> None:
        self.current = start

    def __call__(self) -> datetime.datetime:
        return self.current

    def set(self, day: datetime.date, hour: int) -> None:
        from django.utils import timezone

        self.current = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Brokers:
    """What each municipality's broker does with an invitation, drawn once per pair."""

    def __init__(self, seed: int) -> None:
        from municipalities.models import Municipality

        self.seed = seed
        codes = list(Municipality.objects.values_list("cbs_code", flat=True))
        self.silent = {c for c in codes if draw(seed, "silent", c).random() < 0.1}
        self.absent = {c for c in codes if draw(seed, "absent", c).random() < 0.1} - self.silent

    def plan(self, question_number: int, code: str) -> tuple[str, int, int]:
        """(accept|decline|ignore, working days until the reply, days until the answer)."""
        if code in self.silent:
            return ("ignore", 0, 0)
        rng = draw(self.seed, "plan", question_number, code)
        roll = rng.random()
        action = "accept" if roll < 0.7 else "decline" if roll < 0.85 else "ignore"
        return (action, rng.randint(0, 3), rng.randint(1, 3))


def make_brokers(start: datetime.date, brokers: Brokers) -> dict[str, object]:
    from django.contrib.auth.models import User

    from municipalities.membership import Role, set_membership
    from municipalities.models import Municipality
    from questions.models import Absence

    people = {}
    for municipality in Municipality.objects.all():
        code = municipality.cbs_code
        user = User.objects.create_user(f"makelaar-{code}", f"makelaar-{code}@example.nl")
        set_membership(user, municipality, {Role.KNOWLEDGE_BROKER})
        people[code] = user
        if code in brokers.absent:
            Absence.objects.create(
                municipality=municipality,
                starts_on=start,
                ends_on=start + datetime.timedelta(days=6),
                note="simulatie",
            )
    return people


def asking_schedule(count: int, start: datetime.date, seed: int) -> list[tuple]:
    """(working day, hour, asker code, question text) for ``count`` questions."""
    from municipalities.models import Municipality
    from questions import routing_set
    from questions.working_days import add_working_days

    towns = list(Municipality.objects.order_by("cbs_code"))
    texts = [judged.question for judged in routing_set.load()]
    rng = random.Random(seed)  # noqa: S311 - a simulation
    askers = rng.choices(towns, weights=[t.population or 1 for t in towns], k=count)
    return sorted(
        (add_working_days(start, number % 5), 9 + number % 7, asker.cbs_code, rng.choice(texts))
        for number, asker in enumerate(askers)
    )


def run(args, *, reroute: bool) -> dict:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db.models import Min
    from django.utils import timezone

    from insights.metrics import gini
    from municipalities.membership import set_membership
    from municipalities.models import Municipality
    from questions import lifecycle
    from questions.followup import sweep
    from questions.models import Answer, FollowUp, FollowUpKind, Invitation, Question
    from questions.tasks import route_question
    from questions.working_days import add_working_days, is_working_day

    settings.QUESTION_MAX_REROUTES = 3 if reroute else 0
    start = add_working_days(datetime.date(2027, 3, 5), 1)  # a Monday without holidays
    clock = Clock(datetime.datetime.now(datetime.UTC))
    brokers = Brokers(args.seed)
    with mock.patch("django.utils.timezone.now", clock):
        clock.set(start, 8)
        people = make_brokers(start, brokers)
        askers = {}
        schedule = asking_schedule(args.questions, start, args.seed)
        number_of = {}
        totals = Counter()
        day = start
        for _step in range(WORKING_DAYS * 2 + 10):
            if not is_working_day(day):
                day += datetime.timedelta(days=1)
                continue
            for hour in range(8, 18):
                clock.set(day, hour)
                for when, at_hour, code, text in schedule:
                    if (when, at_hour) != (day, hour):
                        continue
                    if code not in askers:
                        asker = User.objects.create_user(f"vrager-{code}")
                        set_membership(asker, Municipality.objects.get(cbs_code=code), set())
                        askers[code] = asker
                    question = lifecycle.ask(
                        askers[code],
                        title=text[:200],
                        body=f"<p>{text}</p>",
                        privacy_confirmed=True,
                    )
                    number_of[question.pk] = len(number_of)
                    # The worker's routing task, run in place: the scratch database's
                    # task backend only queues it (the other queued tasks, mail, wait).
                    route_question.call(question.pk)
                act(day, people, brokers, number_of)
                if hour in SWEEP_HOURS:
                    report = sweep()
                    totals.update({"alerted": report.alerted})
            day += datetime.timedelta(days=1)

        questions = list(Question.objects.annotate(first=Min("answers__created_at")))
        answered_in_time = [
            q for q in questions if q.first and timezone.localdate(q.first) <= q.wanted_by
        ]
        hours = [(q.first - q.created_at).total_seconds() / 3600 for q in answered_in_time]
        load = Counter(Invitation.objects.values_list("municipality__cbs_code", flat=True))
        everyone = list(Municipality.objects.values_list("cbs_code", flat=True))
        result = {
            "questions": len(questions),
            "answered in time": f"{len(answered_in_time) / len(questions):.1%}",
            "median hours to first answer": f"{statistics.median(hours):.0f}" if hours else "-",
            "re-routings": Invitation.objects.filter(rerouted_from__isnull=False).count(),
            "invitations": sum(load.values()),
            "municipalities invited": f"{len(load)} of {len(everyone)}",
            "max invitations per municipality": max(load.values(), default=0),
            f"Gini of the load (all {len(everyone)})": _shown(
                gini([load[code] for code in everyone])
            ),
            "Gini of the load (invited only)": _shown(gini(list(load.values()))),
            "above weekly capacity": len(above_capacity()),
            "invitations past the cap, no other peer with evidence": sum(
                map(_past_the_cap, Invitation.objects.values_list("reasons", flat=True))
            ),
            "reminders sent": FollowUp.objects.filter(
                kind__in=[FollowUpKind.REMINDER_BEFORE, FollowUpKind.REMINDER_DUE]
            ).count(),
            "Kennisredactie alerted": totals["alerted"],
            "answers": Answer.objects.count(),
        }
    return result


def _shown(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _past_the_cap(reasons: list[dict]) -> bool:
    """The router's own record: it asked a peer at its cap for want of others."""
    return any(
        reason["kind"] == "load" and reason["data"]["new_this_week"] >= reason["data"]["capacity"]
        for reason in reasons
    )


def above_capacity() -> set[str]:
    """Municipalities that got more new invitations in one week than their capacity.

    The router's week: Monday to Sunday in local time (questions.evidence._history).
    """
    from django.utils import timezone

    from questions.models import DEFAULT_CAPACITY, ExpertiseProfile, Invitation

    capacity = dict(
        ExpertiseProfile.objects.values_list("municipality__cbs_code", "capacity_per_week")
    )
    per_week = Counter(
        (code, timezone.localdate(created).isocalendar()[:2])
        for code, created in Invitation.objects.values_list("municipality__cbs_code", "created_at")
    )
    return {
        code for (code, _week), n in per_week.items() if n > capacity.get(code, DEFAULT_CAPACITY)
    }


def act(day, people, brokers: Brokers, number_of: dict) -> None:
    """The brokers and askers of ``day``: replies, answers, and accepting the first answer."""
    from django.utils import timezone

    from questions import lifecycle
    from questions.models import Invitation, InvitationState, QuestionState
    from questions.working_days import add_working_days

    now = timezone.now()
    pending = Invitation.objects.filter(
        state__in=[InvitationState.INVITED, InvitationState.ACCEPTED],
        question__state__in=[QuestionState.OPEN, QuestionState.ANSWERED],
    ).select_related("question", "municipality")
    for invitation in pending:
        code = invitation.municipality.cbs_code
        action, reply_in, answer_in = brokers.plan(number_of[invitation.question_id], code)
        invited_on = timezone.localdate(invitation.created_at)
        broker = people[code]
        if invitation.state == InvitationState.INVITED and action != "ignore":
            if add_working_days(invited_on, reply_in) <= day and now.hour >= 10:
                if action == "accept":
                    lifecycle.accept_invitation(broker, invitation)
                else:
                    lifecycle.decline_invitation(broker, invitation, "Geen capaciteit.")
        elif invitation.state == InvitationState.ACCEPTED:
            accepted_on = timezone.localdate(invitation.responded_at)
            if add_working_days(accepted_on, answer_in) <= day and now.hour >= 11:
                body = f"<p>{invitation.municipality.name} deelt haar aanpak.</p>"
                lifecycle.answer(broker, invitation.question, body=body)
    for question in _answered_a_day_ago(now):
        lifecycle.accept_answer(question.asker, question.answers.order_by("created_at")[0])


def _answered_a_day_ago(now):
    from questions.models import Question, QuestionState

    return [
        q
        for q in Question.objects.filter(state=QuestionState.ANSWERED).prefetch_related("answers")
        if min(a.created_at for a in q.answers.all()) <= now - datetime.timedelta(days=1)
    ]


def reset() -> None:
    from django.contrib.auth.models import User

    from notifications.models import MailMessage, Notification
    from questions.models import Absence, Question

    Question.objects.all().delete()
    Absence.objects.all().delete()
    Notification.objects.all().delete()
    MailMessage.objects.all().delete()
    User.objects.filter(username__startswith="makelaar-").delete()
    User.objects.filter(username__startswith="vrager-").delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--invitations", type=int, default=3)
    parser.add_argument("--pages", type=int, default=1500, help="clones beside the demo")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    parser.add_argument("--index-prefix", default="kennisbank-bench-exchange")
    args = parser.parse_args()
    setup(args.es_url, prefix=args.index_prefix)
    prepare()
    from django.conf import settings
    from django.core.management import call_command

    from cases.models import CasePage, LessonPage

    settings.QUESTION_INVITATIONS = args.invitations
    print(f"cloning {args.pages} pages to municipalities weighted by population…", flush=True)
    demo = CasePage.objects.count() + LessonPage.objects.count()
    make_fallback_pages(demo + args.pages, by_population=True)
    call_command("search_index", "rebuild", verbosity=0)

    results = {}
    for label, reroute in (("with re-routing", True), ("without re-routing", False)):
        print(f"simulating {args.questions} questions {label}…", flush=True)
        results[label] = run(args, reroute=reroute)
        reset()
    width = max(len(key) for key in next(iter(results.values())))
    print()
    print(f"{'':{width}}  " + "  ".join(f"{label:>20}" for label in results))
    for key in next(iter(results.values())):
        print(f"{key:{width}}  " + "  ".join(f"{r[key]!s:>20}" for r in results.values()))


if __name__ == "__main__":
    main()
