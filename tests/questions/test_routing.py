"""The router: who receives a question, why, and within which limits."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from questions.invitations import due_date, invite
from questions.models import Absence, ExpertiseProfile, Invitation, InvitationState, Question
from questions.routing import ANSWER_WEIGHT, RoutingRequest, preview, route
from questions.routing_request import Evidence, Peer
from questions.tasks import route_question
from questions.working_days import add_working_days
from search.service import DocumentMatch
from tests.page_fixtures import term

TODAY = datetime.date(2025, 3, 5)  # a Wednesday


def _peer(code: str, **fields) -> Peer:
    values = {"name": f"Gemeente {code}", "province": "Utrecht", "size_class": "20k-50k"}
    return Peer(code=code, **{**values, **fields})


def _page(page_id: int, code: str, score: float, title: str = "", **fields) -> DocumentMatch:
    values = {
        "type": "casusblad",
        "title": title or f"Pagina {page_id}",
        "url": f"/p/{page_id}/",
        "themes": ("inkomen-en-schulden",),
        "members_only": False,
    }
    return DocumentMatch(
        page_id=page_id, municipality_code=code, score=score, **{**values, **fields}
    )


def _evidence(documents, **peers) -> Evidence:
    codes = {
        "GM0001",
        "GM0002",
        "GM0003",
        "GM0004",
        *(page.municipality_code for page in documents),
    }
    return Evidence(
        peers={code: peers.get(code, _peer(code)) for code in sorted(codes)},
        documents=documents,
        theme_labels={"inkomen-en-schulden": "Inkomen en schulden"},
    )


REQUEST = RoutingRequest(title="Vroegsignalering van schulden", body="", asker_code="GM0001")


def _codes(candidates) -> list[str]:
    return [candidate.municipality_code for candidate in candidates]


def test_the_asker_and_excluded_municipalities_are_never_candidates():
    evidence = _evidence(
        [_page(1, "GM0001", 9.0), _page(2, "GM0002", 5.0), _page(3, "GM0003", 4.0)]
    )
    assert _codes(route(REQUEST, evidence)) == ["GM0002", "GM0003"]
    excluded = RoutingRequest(**{**REQUEST.__dict__, "exclude": frozenset({"GM0002"})})
    assert _codes(route(excluded, evidence)) == ["GM0003"]


def test_an_absent_peer_is_skipped():
    pages = [_page(1, "GM0002", 9.0), _page(2, "GM0003", 4.0)]
    evidence = _evidence(pages, GM0002=_peer("GM0002", absent=True))
    assert _codes(route(REQUEST, evidence)) == ["GM0003"]


def test_several_good_pages_beat_one_lucky_hit():
    pages = [_page(1, "GM0002", 10.0), *(_page(n, "GM0003", 8.0) for n in (2, 3, 4))]
    assert _codes(route(REQUEST, _evidence(pages)))[0] == "GM0003"


def test_peers_without_evidence_are_not_candidates():
    assert route(REQUEST, _evidence([])) == []


def test_the_cap_holds_a_full_peer_back_while_others_have_evidence():
    pages = [_page(1, "GM0002", 10.0), _page(2, "GM0003", 3.0), _page(3, "GM0004", 2.0)]
    full = _peer("GM0002", capacity=2, new_this_week=2)
    evidence = _evidence(pages, GM0002=full)
    assert _codes(route(REQUEST, evidence, limit=2)) == ["GM0003", "GM0004"]
    # With too few others, the full peer is asked after them, and the reason says so.
    candidates = route(REQUEST, evidence, limit=3)
    assert _codes(candidates) == ["GM0003", "GM0004", "GM0002"]
    assert "capaciteit 2" in candidates[-1].sentence
    alone = _evidence([_page(1, "GM0002", 10.0)], GM0002=full)
    assert _codes(route(REQUEST, alone)) == ["GM0002"]


def test_the_same_state_gives_the_same_ranking_ties_broken_on_the_code():
    pages = [_page(n, code, 5.0) for n, code in enumerate(["GM0004", "GM0003", "GM0002"])]
    first = route(REQUEST, _evidence(pages))
    assert _codes(first) == ["GM0002", "GM0003", "GM0004"]
    assert route(REQUEST, _evidence(list(reversed(pages)))) == first


def test_load_and_responsiveness_order_peers_with_equal_evidence():
    pages = [_page(1, "GM0002", 5.0), _page(2, "GM0003", 5.0), _page(3, "GM0004", 5.0)]
    evidence = _evidence(
        pages,
        GM0002=_peer("GM0002", pending=3),
        GM0004=_peer("GM0004", responded=8, decided=8, median_hours_to_answer=5),
    )
    assert _codes(route(REQUEST, evidence)) == ["GM0004", "GM0003", "GM0002"]


def test_reasons_name_the_pages_and_the_shared_context():
    pages = [
        _page(1, "GM0002", 9.0, "Geldzorgen in Oost-Groningen"),
        _page(2, "GM0002", 8.0, "Vroegsignalering in een dorp", type="les"),
    ]
    evidence = _evidence(pages, GM0002=_peer("GM0002", name="Pekela"))
    (candidate,) = route(REQUEST, evidence)
    assert candidate.sentence == (
        "Pekela: 1 casusblad en 1 les over inkomen en schulden "
        "('Geldzorgen in Oost-Groningen', 'Vroegsignalering in een dorp'); "
        "vergelijkbare gemeentegrootte, ook in Utrecht"
    )
    documents = candidate.reasons[0]
    assert documents.kind == "documents"
    assert [page["url"] for page in documents.data["pages"]] == ["/p/1/", "/p/2/"]


# Gathering evidence on the database (and Elasticsearch) ----------------------------


def _ask(asker_code="GM0344", **fields) -> Question:
    from municipalities.models import Municipality

    user = User.objects.create_user(f"vrager-{Question.objects.count()}", "v@voorbeeld.nl")
    values = {"title": "Vroegsignalering van schulden bij betalingsachterstanden", "body": ""}
    return Question.objects.create(
        asker=user, municipality=Municipality.objects.get(cbs_code=asker_code), **values | fields
    )


@pytest.fixture
def database_only(settings):
    settings.ELASTICSEARCH_URL = ""


def test_members_only_titles_stay_out_of_reasons_for_anonymous_readers(schulden, database_only):
    request = RoutingRequest(
        title="Vroegsignalering schulden betalingsachterstanden", body="", asker_code="GM0344"
    )
    seen = {c.municipality_code: c.sentence for c in preview(request, members=True)}
    assert "Betalingsachterstanden vroeg in beeld" in seen["GM0363"]
    anonymous = {c.municipality_code: c.sentence for c in preview(request, members=False)}
    assert "GM0363" not in anonymous
    assert "Geldzorgen in Oost-Groningen" in anonymous["GM0765"]


def test_declared_themes_count_and_absences_today_exclude(schulden, database_only):
    pekela, _amsterdam = schulden
    profile = ExpertiseProfile.objects.create(municipality=pekela)
    profile.declared_themes.set([term("thema", "inkomen-en-schulden")])
    request = RoutingRequest(
        title="Wie helpt?", body="", themes=("inkomen-en-schulden",), asker_code="GM0344"
    )
    (first, *_rest) = preview(request)
    assert first.municipality_code == "GM0765"
    assert "noemt inkomen en schulden als expertise" in first.sentence
    today = timezone.localdate()
    Absence.objects.create(municipality=pekela, starts_on=today, ends_on=today)
    assert "GM0765" not in _codes(preview(request))


def test_invite_creates_ranked_invitations_once(schulden, database_only, settings):
    settings.QUESTION_INVITATION_DAYS = 5
    question = _ask()
    created = invite(question)
    assert [i.municipality.cbs_code for i in created] == ["GM0765", "GM0363"]
    first = Invitation.objects.get(question=question, rank=1)
    assert first.reason_text.startswith("Pekela: ")
    assert first.reasons[0]["kind"] == "documents"
    assert first.due_on == add_working_days(timezone.localdate(), 5)
    assert invite(question) == []  # idempotent: a retried task invites nobody twice
    assert route_question.enqueue(question.pk).return_value == 0
    assert question.invitations.count() == 2


def test_invite_with_a_count_asks_the_next_peer_not_the_declined_one(schulden, database_only):
    question = _ask()
    invite(question, count=1)
    Invitation.objects.filter(question=question).update(state=InvitationState.DECLINED)
    (second,) = invite(question, count=1)
    assert (second.municipality.cbs_code, second.rank) == ("GM0363", 2)


def test_peers_the_cap_holds_back_leave_room_for_the_others_pages(
    schulden, database_only, monkeypatch
):
    # The search fetches the pages of a limited number of municipalities. Those the
    # cap holds back (and the asker) must not fill that number: Amsterdam, the only
    # peer with evidence left under its cap, is asked, not Pekela a second time.
    pekela, _amsterdam = schulden
    monkeypatch.setattr("questions.evidence.MATCHED_MUNICIPALITIES", 1)
    ExpertiseProfile.objects.create(municipality=pekela, capacity_per_week=1)
    (first,) = invite(_ask(), count=1)
    assert first.municipality.cbs_code == "GM0765"
    # The sweep re-routes through the same call (questions.followup.reroute).
    (second,) = invite(_ask(), count=1)
    assert second.municipality.cbs_code == "GM0363"
    assert "capaciteit" not in second.reason_text


def test_the_due_date_never_passes_the_wanted_by_date(schulden, database_only):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    question = _ask(wanted_by=tomorrow)
    assert due_date(question) == tomorrow
    assert {i.due_on for i in invite(question)} == {tomorrow}


def test_the_task_routes_a_posted_question(schulden, database_only):
    question = _ask()
    assert route_question.enqueue(question.pk).return_value == 2
    assert route_question.enqueue(question.pk + 1000).return_value == 0


@pytest.mark.elasticsearch
def test_routing_on_elasticsearch_and_when_it_is_down(schulden, es_client, settings):
    from search.relevance import index_now

    index_now()
    request = RoutingRequest(title="Vroegsignalering van schulden", body="", asker_code="GM0344")
    on_es = preview(request, members=False)
    assert _codes(on_es)[0] == "GM0765"
    assert "'Geldzorgen in Oost-Groningen'" in on_es[0].sentence
    assert all("Betalingsachterstanden vroeg in beeld" not in c.sentence for c in on_es)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens: the fallback answers
    down = preview(request, members=False)
    assert _codes(down)[0] == "GM0765"
    assert "'Geldzorgen in Oost-Groningen'" in down[0].sentence


def _accepted_answer(by_code: str, visibility: str, title: str, accepted: bool = True):
    """A resolved question of Amersfoort that ``by_code`` answered (accepted or not)."""
    from municipalities.models import Municipality
    from questions.models import Answer, QuestionState

    question = _ask(asker_code="GM0307", title=title, visibility=visibility)
    question.state = QuestionState.RESOLVED if accepted else QuestionState.ANSWERED
    question.save()
    author = User.objects.create_user(f"antwoorder-{question.pk}", "a@voorbeeld.nl")
    return Answer.objects.create(
        question=question,
        author=author,
        municipality=Municipality.objects.get(cbs_code=by_code),
        body="<p>Zo doen wij het.</p>",
        accepted=accepted,
    )


def test_accepted_answers_on_similar_questions_raise_the_answerer(schulden, database_only):
    from questions.models import QuestionVisibility

    request = RoutingRequest(
        title="Vroegsignalering schulden betalingsachterstanden", body="", asker_code="GM0344"
    )
    before = preview(request, members=True)
    assert "GM0193" not in _codes(before)  # Zwolle has no pages on it
    # Answered but not accepted, or on another subject: no evidence.
    _accepted_answer("GM0193", QuestionVisibility.MEMBERS, "Schulden vroeg signaleren", False)
    _accepted_answer("GM0193", QuestionVisibility.MEMBERS, "Parkeervergunningen digitaal")
    assert "GM0193" not in _codes(preview(request, members=True))

    similar = "Vroegsignalering van schulden met woningcorporaties"
    _accepted_answer("GM0193", QuestionVisibility.MEMBERS, similar)
    _accepted_answer("GM0363", QuestionVisibility.INVOLVED, "Betalingsachterstanden en schulden")
    after = {c.municipality_code: c for c in preview(request, members=True)}
    zwolle, amsterdam = after["GM0193"], after["GM0363"]
    assert zwolle.sentence.startswith(
        f"Zwolle: 1 geaccepteerd antwoord op een vergelijkbare vraag ('{similar}')"
    )
    assert [reason.kind for reason in zwolle.reasons][:1] == ["answers"]
    # Amsterdam's own page is unchanged; both words of its answered title are shared.
    amsterdam_score = next(c.score for c in before if c.municipality_code == "GM0363")
    assert amsterdam.score == pytest.approx(amsterdam_score + ANSWER_WEIGHT, abs=1e-3)
    # A question only its parties read is counted, but its title is not named.
    assert "1 geaccepteerd antwoord op een vergelijkbare vraag" in amsterdam.sentence
    assert "'Betalingsachterstanden en schulden'" not in amsterdam.sentence
    # Anonymous readers of the preview never see a members-only question's title.
    anonymous = {c.municipality_code: c for c in preview(request, members=False)}
    assert f"'{similar}'" not in anonymous["GM0193"].sentence
