"""GET /api/v1/cases and /api/v1/lessons: visibility, fields, filters, cursor paging."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CasePage, LessonPage
from tests.api.conftest import assert_problem

# Who calls: the Authorization header (or a logged-in session), per role.
ROLES = ("anonymous", "member", "token with cases:read", "token without scopes")
SEES_MEMBERS_ONLY = {"member", "token with cases:read"}


@pytest.fixture
def call_as(api_client, member, partner_token, public_token):
    def client_for(role: str):
        headers = {}
        if role == "member":
            api_client.force_login(member)
        elif role == "token with cases:read":
            headers["HTTP_AUTHORIZATION"] = f"Bearer {partner_token[1]}"
        elif role == "token without scopes":
            headers["HTTP_AUTHORIZATION"] = f"Bearer {public_token[1]}"

        def get(path: str, params=None):
            return api_client.get(path, params or {}, **headers)

        return get

    return client_for


@pytest.fixture
def two_cases(utrecht, make_case):
    public = make_case(utrecht, title="Openbaar casusblad", external_id="ext-open")
    members = make_case(
        utrecht, title="Casusblad voor leden", external_id="ext-leden", members_only=True
    )
    return public, members


def items(response, name: str = "cases") -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["_embedded"][name]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_case_visibility_matrix(call_as, role, two_cases):
    get = call_as(role)
    listed = {item["externalId"] for item in items(get("/api/v1/cases"))}
    members_only = role in SEES_MEMBERS_ONLY
    assert listed == ({"ext-open", "ext-leden"} if members_only else {"ext-open"})
    assert get("/api/v1/cases/ext-open").status_code == 200
    detail = get("/api/v1/cases/ext-leden")
    if members_only:
        assert detail.json()["visibility"] == "members"
    else:
        body = assert_problem(detail, 404)
        assert "ext-leden" not in body["detail"]
    # The contact person is for members only, as on the site.
    contact = get("/api/v1/cases/ext-open").json()["contact"]
    if members_only:
        assert contact == {
            "name": "Sanne de Vries",
            "role": "Beleidsadviseur schulden",
            "email": "sanne.devries@voorbeeld.nl",
        }
    else:
        assert contact is None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_lesson_visibility_matrix_and_related_cases(call_as, role, two_cases, utrecht, make_lesson):
    public_case, members_case = two_cases
    make_lesson(utrecht, external_id="les-open", cases=[public_case, members_case])
    make_lesson(utrecht, external_id="les-leden", members_only=True, title="Les voor leden")
    get = call_as(role)
    lessons = {item["externalId"]: item for item in items(get("/api/v1/lessons"), "lessons")}
    members_only = role in SEES_MEMBERS_ONLY
    assert set(lessons) == ({"les-open", "les-leden"} if members_only else {"les-open"})
    # A les names only the casusbladen this caller may see.
    related = lessons["les-open"]["relatedCases"]
    assert related == (["ext-leden", "ext-open"] if members_only else ["ext-open"])
    assert get("/api/v1/lessons/les-leden").status_code == (200 if members_only else 404)


@pytest.mark.django_db
def test_case_fields_follow_the_interchange_table(api_client, full_case, utrecht):
    full_case.external_id = "ext-vol"
    full_case.save_revision().publish()
    response = api_client.get("/api/v1/cases/ext-vol")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    case = response.json()
    assert case["type"] == "casusblad"
    assert case["municipality"] == {"code": "GM0344", "name": "Utrecht"}
    assert case["partnerMunicipalities"] == ["GM0307"]
    assert case["themes"] == ["inkomen-en-schulden", "sociale-wijkteams"]
    assert case["decentralisations"] == ["participatiewet"]
    assert case["profile"] == "vroege-vernieuwer"
    assert case["period"] == {"start": "2016-01-01", "end": "2018-12-31"}
    assert case["status"] == "afgerond"
    assert case["visibility"] == "public"
    assert set(case["sections"]) == {
        "context",
        "approach",
        "results",
        "conditions",
        "workingElements",
        "lessons",
    }
    assert case["sections"]["results"] == "<p>Twee keer zoveel inwoners vroeg in beeld.</p>"
    assert case["url"].startswith("http://") and case["url"].endswith("/")
    assert case["_links"]["self"]["href"] == "http://testserver/api/v1/cases/ext-vol"
    full_case.refresh_from_db()
    assert case["lastPublishedAt"] == full_case.last_published_at.astimezone(
        timezone.get_current_timezone()
    ).isoformat().replace("+00:00", "Z")


@pytest.mark.django_db
def test_a_page_without_external_id_has_its_generated_one(api_client, utrecht, make_case):
    case = make_case(utrecht)
    (item,) = items(api_client.get("/api/v1/cases"))
    assert item["externalId"] == f"kennisbank-{case.pk}"
    assert api_client.get(f"/api/v1/cases/kennisbank-{case.pk}").status_code == 200


@pytest.mark.django_db
def test_unknown_page_is_a_404_problem(api_client, municipalities):
    assert_problem(api_client.get("/api/v1/cases/bestaat-niet"), 404)
    assert_problem(api_client.get("/api/v1/lessons/bestaat-niet"), 404)
    assert_problem(api_client.get("/api/v1/cases/"), 404)


@pytest.mark.django_db
def test_unpublished_pages_are_not_listed(api_client, utrecht, make_case):
    make_case(utrecht, external_id="ext-weg").unpublish()
    assert items(api_client.get("/api/v1/cases")) == []
    assert_problem(api_client.get("/api/v1/cases/ext-weg"), 404)


def _published_at(page, moment: datetime.datetime) -> None:
    type(page).objects.filter(pk=page.pk).update(last_published_at=moment)


@pytest.mark.django_db
def test_modified_since_lists_pages_published_after_it(api_client, utrecht, make_case):
    old, new = make_case(utrecht, external_id="oud"), make_case(utrecht, external_id="nieuw")
    moment = datetime.datetime(2025, 6, 1, 12, 0, tzinfo=datetime.UTC)
    _published_at(old, moment - datetime.timedelta(days=1))
    _published_at(new, moment + datetime.timedelta(seconds=1))
    response = api_client.get("/api/v1/cases", {"modifiedSince": "2025-06-01T14:00:00+02:00"})
    assert [item["externalId"] for item in items(response)] == ["nieuw"]
    # A page published exactly then is not "after" it.
    _published_at(new, moment)
    response = api_client.get("/api/v1/cases", {"modifiedSince": "2025-06-01T12:00:00Z"})
    assert items(response) == []


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["gisteren", "2025-13-01T00:00:00Z", "2025-06-01T25:00"])
def test_bad_modified_since_is_a_400_problem(api_client, municipalities, value):
    body = assert_problem(api_client.get("/api/v1/cases", {"modifiedSince": value}), 400)
    assert [param["name"] for param in body["invalidParams"]] == ["modifiedSince"]


@pytest.mark.django_db
def test_filters_on_municipality_and_theme(api_client, utrecht, amersfoort, make_case):
    make_case(utrecht, external_id="u", themes=["jeugdhulp", "inkomen-en-schulden"])
    make_case(amersfoort, external_id="a", themes=["inkomen-en-schulden"])
    make_case(amersfoort, external_id="a2", themes=["wmo-ondersteuning"])

    def listed(params) -> list[str]:
        return sorted(i["externalId"] for i in items(api_client.get("/api/v1/cases", params)))

    assert listed({"municipality": "GM0307"}) == ["a", "a2"]
    assert listed({"municipality": ["GM0307", "GM0344"]}) == ["a", "a2", "u"]
    # A page with both themes is listed once.
    assert listed({"theme": ["jeugdhulp", "inkomen-en-schulden"]}) == ["a", "u"]
    assert listed({"theme": "inkomen-en-schulden", "municipality": "GM0344"}) == ["u"]
    body = assert_problem(api_client.get("/api/v1/cases", {"municipality": "Utrecht"}), 400)
    assert body["invalidParams"][0]["name"] == "municipality"


@pytest.mark.django_db
def test_cursor_walk_returns_every_page_once_in_publication_order(api_client, utrecht, make_case):
    cases = [make_case(utrecht, external_id=f"c{n}", title=f"Casus {n}") for n in range(7)]
    # Three share one moment: the id orders them, and the cursor must not skip one.
    same = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    for case in cases[2:5]:
        _published_at(case, same)
    expected = [
        case.external_id
        for case in sorted(
            CasePage.objects.filter(pk__in=[c.pk for c in cases]),
            key=lambda case: (case.last_published_at, case.pk),
        )
    ]
    seen, url, pages = [], "/api/v1/cases?pageSize=3", 0
    while url:
        body = api_client.get(url).json()
        assert body["_links"]["self"]["href"].endswith(url.split("/api/v1")[-1])
        seen += [item["externalId"] for item in body["_embedded"]["cases"]]
        url = body["_links"].get("next", {}).get("href")
        pages += 1
    assert seen == expected
    assert pages == 3
    assert "total" not in body


@pytest.mark.django_db
def test_a_page_republished_during_a_walk_comes_again_at_the_end(api_client, utrecht, make_case):
    first, second = make_case(utrecht, external_id="een"), make_case(utrecht, external_id="twee")
    body = api_client.get("/api/v1/cases", {"pageSize": 1}).json()
    assert [item["externalId"] for item in body["_embedded"]["cases"]] == ["een"]
    first.save_revision().publish()
    seen, url = [], body["_links"]["next"]["href"]
    while url:
        body = api_client.get(url).json()
        seen += [item["externalId"] for item in body["_embedded"]["cases"]]
        url = body["_links"].get("next", {}).get("href")
    assert seen == [second.external_id, first.external_id]


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["nonsense", "WzEsMl0", "eyJhIjoxfQ", "WyIyMDI1LTAxLTAxIiwxXQ"])
def test_a_cursor_this_api_did_not_give_is_a_400_problem(api_client, municipalities, cursor):
    body = assert_problem(api_client.get("/api/v1/cases", {"cursor": cursor}), 400)
    assert [param["name"] for param in body["invalidParams"]] == ["cursor"]


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["0", "101", "veel"])
def test_bad_page_size_is_a_400_problem(api_client, municipalities, size):
    body = assert_problem(api_client.get("/api/v1/lessons", {"pageSize": size}), 400)
    assert body["invalidParams"][0]["name"] == "pageSize"


def _queries(client, path: str, **headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **headers)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "token with cases:read"])
def test_a_list_costs_the_same_queries_for_1_and_20_pages(
    api_client, role, partner_token, utrecht, amersfoort, make_case, make_lesson
):
    from cases.models import Term, Vocabulary

    headers = {}
    if role != "anonymous":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {partner_token[1]}"
    profile = Term.objects.filter(vocabulary=Vocabulary.PROFILE).first()

    def add(n: int) -> None:
        case = make_case(utrecht, title=f"Casus {n}", profile=profile, members_only=n % 2 == 1)
        case.partner_municipalities.set([amersfoort])
        case.save_revision().publish()
        make_lesson(utrecht, title=f"Les {n}", cases=[case], members_only=n % 3 == 1)

    add(0)
    api_client.get("/api/v1/cases", **headers)  # warm caches (site root paths, token)
    paths = ("/api/v1/cases", "/api/v1/lessons")
    one = {path: _queries(api_client, path, **headers) for path in paths}
    for n in range(1, 20):
        add(n)
    assert CasePage.objects.live().count() == LessonPage.objects.live().count() == 20
    twenty = {path: _queries(api_client, path, **headers) for path in paths}
    assert twenty == one
