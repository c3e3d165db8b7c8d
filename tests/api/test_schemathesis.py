"""Schemathesis against the running API: no 5xx, and every response conforms to the document.

The whole of /api/v1/openapi.json, as a partner's generator would read it, against
pytest-django's live server (a real HTTP server in this process, on the test
database). Every operation gets a few generated requests (hypothesis, a handful of
examples each: CI is near its time limit), valid ones and invalid ones, anonymous;
the checks are schemathesis' own (no server error, documented status codes,
content types, headers and bodies). No network beyond the live server: the
document comes from it too.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode, checks

EXAMPLES_PER_OPERATION = 5
# What the API promises: no server error, and status, content type, headers and body
# as documented; invalid input refused. Not schemathesis' "positive data accepted":
# a document cannot state the rules between parameters (search's page x pageSize
# window) or what an opaque cursor holds, so those are rightly a 400 without being
# schema violations.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]


@pytest.fixture
def api_schema(live_server, utrecht, amersfoort, make_case, make_lesson, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    # One client sends every request: the per-address limit would answer 429 instead.
    rates = {"partner": "100000/min", "anonymous": "100000/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    case = make_case(utrecht, external_id="casus-open")
    make_case(amersfoort, external_id="casus-leden", members_only=True)
    make_lesson(utrecht, external_id="les-open", cases=[case])
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")


def _check(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case) -> None:
        case.call_and_validate(checks=CHECKS)

    call()


# serialized_rollback: the flush after a transactional test also empties what the
# migrations seeded (the taxonomy), which the tests after this one need.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_operation_conforms_to_the_document(api_schema):
    failures, checked = [], []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _check(operation, mode)
            except Unsatisfiable:
                # Nothing to send that the document calls invalid: a detail's only
                # parameter is a free string (externalId, a CBS code of any shape).
                assert mode is GenerationMode.NEGATIVE, operation.label
            except Exception as error:  # one report for every operation, not the first only
                failures.append(f"{operation.label} ({mode.value}):\n{error}")
        checked.append(operation.label)
    assert len(checked) >= 9, checked
    assert not failures, "\n\n".join(failures)
