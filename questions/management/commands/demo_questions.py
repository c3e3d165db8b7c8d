"""Demo questions: what a member of Amersfoort asks, routed at once, for the demo inbox.

Run after demo_users (it asks as the demo member ``lid``). Each question goes
through questions.lifecycle like one posted on the site, and is then routed right
away by questions.invitations.invite (what the route_question task does), so the
brokers of the municipalities that published about it, ``makelaar-utrecht``
among them for the first question, find it in their inbox as soon as the demo
starts. Idempotent: a question with the same title is not asked twice.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from questions import lifecycle
from questions.invitations import invite
from questions.models import Question, QuestionVisibility

ASKER = "lid"  # demo_users: the member of Amersfoort

QUESTIONS = [
    {
        "title": "Hoe maken jullie huisbezoeken veiliger voor consulenten?",
        "body": "<p>Onze Wmo-consulenten en wijkteammedewerkers gaan steeds vaker op "
        "huisbezoek. Een paar keer liep een keukentafelgesprek uit de hand. Welke "
        "afspraken over voorbereiden, melden en nabespreken werken bij jullie?</p>",
        "themes": ["agressie-en-geweld", "sociale-wijkteams"],
        "visibility": QuestionVisibility.MEMBERS,
    },
    {
        "title": "Vroegsignalering van schulden samen met woningcorporaties",
        "body": "<p>We willen betalingsachterstanden bij huur eerder zien, voordat er "
        "een deurwaarder komt. Hoe hebben jullie de afspraken met corporaties en "
        "energieleveranciers geregeld, en wat deed het wijkteam met de signalen?</p>",
        "themes": ["inkomen-en-schulden"],
        "visibility": QuestionVisibility.PUBLIC_WHEN_RESOLVED,
    },
    {
        "title": "Inwoners betrekken bij het nieuwe jeugdbeleid",
        "body": "<p>Voor ons nieuwe beleidsplan jeugd willen we jongeren en ouders "
        "echt laten meedenken, niet alleen een enquête. Wie heeft daar ervaring mee?</p>",
        "themes": ["jeugdhulp", "communicatie-met-inwoners"],
        "visibility": QuestionVisibility.INVOLVED,
    },
]


def route(question: Question) -> list:
    """Invite the peers now, as the route_question task does after posting."""
    return invite(question)


class Command(BaseCommand):
    help = (
        "Ask the demo questions as the demo member of Amersfoort and route them, so the "
        "demo brokers have invitations. Development only; run demo_users first."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_questions only runs with DEBUG on.")
        asker = get_user_model().objects.filter(username=ASKER).first()
        if asker is None:
            raise CommandError(f"no user {ASKER!r}: run demo_users first")
        for fields in QUESTIONS:
            question = Question.objects.filter(title=fields["title"]).first()
            if question is None:
                question = lifecycle.ask(asker, privacy_confirmed=True, **fields)
            if not question.invitations.exists():
                route(question)
            invited = ", ".join(
                question.invitations.order_by("rank").values_list("municipality__name", flat=True)
            )
            self.stdout.write(f"  {question.title}: {invited or '-'}")
