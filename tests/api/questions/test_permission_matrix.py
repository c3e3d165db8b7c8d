"""Who may do what through the question API: every endpoint, role and visibility.

One test per (role, visibility) cell row: it calls every endpoint once and compares
the whole row of statuses, so a failure shows each endpoint that differs. Writes run
in a transaction rolled back after the call, so each starts from the same question.
The expected statuses are written from the rules in words (questions.access):
who reads a question, who acts on B's invitation, who accepts and rates the answer,
who closes the question.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from questions.models import QuestionVisibility

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "asker (A)",
    "broker (B)",
    "member (C)",
    "moderator",
    "token A read",
    "token A write",
]
TOKENS = {"token A read", "token A write"}
INVOLVED = {"asker (A)", "broker (B)", "moderator", *TOKENS}
MEMBERS = INVOLVED | {"member (C)"}

# (visibility, resolved) -> who reads the question
SCENARIOS = {
    (QuestionVisibility.INVOLVED, False): INVOLVED,
    (QuestionVisibility.MEMBERS, False): MEMBERS,
    (QuestionVisibility.PUBLIC_WHEN_RESOLVED, False): MEMBERS,
    (QuestionVisibility.PUBLIC_WHEN_RESOLVED, True): set(ROLES),
}
SEE_INVITATIONS = {"asker (A)", "moderator", *TOKENS}  # the asking municipality, moderators
ACT_ON_B = {"broker (B)", "moderator"}  # B's receiver; moderators do everything
CLOSE = {"asker (A)", "moderator"}  # the asker withdraws; a moderator closes


def expected(role: str, readers: set[str], resolved: bool) -> dict[str, object]:
    reads = role in readers
    hidden = 200 if reads else 404
    anonymous = role == "anonymous"

    def write(
        allowed: bool, *, reachable: bool = True, success: int = 200, open_only: bool = True
    ) -> int:
        if anonymous:
            return 401
        if role == "token A read":
            return 403  # no questions:write
        if not reachable:
            return 404
        if resolved and open_only:
            return 409
        return success if allowed else 403

    invitation_action = write(True, reachable=role in ACT_ON_B)
    return {
        "list": 200,
        "listed": reads,
        "detail": hidden,
        "answers": hidden,
        "invitations of question": (
            401 if anonymous else hidden if not reads else 200 if role in SEE_INVITATIONS else 403
        ),
        "inbox": 401 if anonymous else 200,
        "B's invitation in inbox": role == "broker (B)",
        "ask": 401 if anonymous else 403 if role in {"moderator", "token A read"} else 201,
        "answer": write(role == "broker (B)", reachable=reads, success=201),
        "accept answer": (
            401
            if anonymous
            else 403
            if role == "token A read" or (reads and role != "asker (A)")
            else write(True, reachable=reads)
        ),
        # Only the asker rates, whatever the state: feedback on a resolved question too.
        "rate answer": write(role == "asker (A)", reachable=reads, open_only=False),
        "close question": write(role in CLOSE, reachable=reads),
        "accept invitation": invitation_action,
        "decline invitation": invitation_action,
        "pass on invitation": invitation_action,
        "routing preview": 401 if anonymous else 200,
    }


def rolled_back(call):
    """The status of a write, with everything it wrote undone."""
    with transaction.atomic():
        response = call()
        transaction.set_rollback(True)
    return response.status_code


def observe(client, scenario) -> dict[str, object]:
    q, invitation, answer = scenario.question.pk, scenario.invitation.pk, scenario.answer.pk
    listing = client.get("/api/v1/questions")
    inbox = client.get("/api/v1/invitations")

    def post(path: str, body: dict | None = None):
        return lambda: client.post(path, body or {}, content_type="application/json")

    return {
        "list": listing.status_code,
        "listed": q in [item["id"] for item in listing.json()["_embedded"]["questions"]],
        "detail": client.get(f"/api/v1/questions/{q}").status_code,
        "answers": client.get(f"/api/v1/questions/{q}/answers").status_code,
        "invitations of question": client.get(f"/api/v1/questions/{q}/invitations").status_code,
        "inbox": inbox.status_code,
        "B's invitation in inbox": inbox.status_code == 200
        and invitation in [item["id"] for item in inbox.json()["_embedded"]["invitations"]],
        "ask": rolled_back(
            post("/api/v1/questions", {"title": "Wie heeft ervaring?", "body": "<p>Graag.</p>"})
        ),
        "answer": rolled_back(post(f"/api/v1/questions/{q}/answers", {"body": "<p>Zo.</p>"})),
        "accept answer": rolled_back(post(f"/api/v1/answers/{answer}/accept")),
        "rate answer": rolled_back(
            post(f"/api/v1/answers/{answer}/rating", {"rating": "helpful", "comment": "Dank."})
        ),
        "close question": rolled_back(post(f"/api/v1/questions/{q}/close")),
        "accept invitation": rolled_back(post(f"/api/v1/invitations/{invitation}/accept")),
        "decline invitation": rolled_back(
            post(f"/api/v1/invitations/{invitation}/decline", {"reason": "Geen capaciteit."})
        ),
        "pass on invitation": rolled_back(
            post(f"/api/v1/invitations/{invitation}/pass-on", {"municipality": "GM0193"})
        ),
        "routing preview": rolled_back(
            post(
                "/api/v1/routing/preview",
                {"title": "Schulden vroeg signaleren", "askerMunicipality": "GM0307"},
            )
        ),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("visibility", "resolved"),
    list(SCENARIOS),
    ids=[f"{v}{'-resolved' if r else ''}" for v, r in SCENARIOS],
)
def test_permission_matrix(caller, asked, fake_preview, role, visibility, resolved):
    scenario = asked(visibility, resolved=resolved)
    observed = observe(caller(role), scenario)
    assert observed == expected(role, SCENARIOS[(visibility, resolved)], resolved)
