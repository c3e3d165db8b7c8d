import pytest

from tests.api.conftest import assert_problem


@pytest.mark.django_db
def test_list_pages_with_hal_links_and_headers(api_client, municipalities):
    response = api_client.get("/api/v1/municipalities", {"pageSize": 10, "page": 2})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["total"] == 342
    assert response["X-Total-Count"] == "342"
    assert response["X-Pagination-Page"] == "2"
    assert response["X-Pagination-Limit"] == "10"
    links = body["_links"]
    assert links["self"]["href"] == "http://testserver/api/v1/municipalities?page=2&pageSize=10"
    assert links["first"]["href"] == "http://testserver/api/v1/municipalities?pageSize=10"
    assert links["prev"]["href"] == "http://testserver/api/v1/municipalities?pageSize=10"
    assert links["next"]["href"] == "http://testserver/api/v1/municipalities?page=3&pageSize=10"
    assert links["last"]["href"] == "http://testserver/api/v1/municipalities?page=35&pageSize=10"
    items = body["_embedded"]["municipalities"]
    assert len(items) == 10
    assert [item["name"] for item in items] == sorted(item["name"] for item in items)


@pytest.mark.django_db
def test_list_item_fields(api_client, utrecht):
    response = api_client.get("/api/v1/municipalities", {"q": "utrecht"})
    items = response.json()["_embedded"]["municipalities"]
    assert {i["name"] for i in items} == {"Utrecht", "Utrechtse Heuvelrug"}
    (item,) = [i for i in items if i["code"] == "GM0344"]
    assert item == {
        "code": "GM0344",
        "name": "Utrecht",
        "province": "Utrecht",
        "sizeClass": utrecht.size_class.value,
        "population": utrecht.population,
        "_links": {"self": {"href": "http://testserver/api/v1/municipalities/GM0344"}},
    }
    assert "prev" not in response.json()["_links"]
    assert "next" not in response.json()["_links"]


@pytest.mark.django_db
def test_filters_on_province_and_size_class(api_client, municipalities):
    from municipalities.models import Municipality

    response = api_client.get(
        "/api/v1/municipalities",
        {"provincie": "Zeeland", "grootteklasse": "20k-50k", "pageSize": 100},
    )
    codes = {item["code"] for item in response.json()["_embedded"]["municipalities"]}
    expected = {
        m.cbs_code
        for m in Municipality.objects.filter(province="Zeeland")
        if m.size_class.value == "20k-50k"
    }
    assert expected
    assert codes == expected


@pytest.mark.django_db
def test_bad_filters_and_paging_are_400_with_invalid_params(api_client, municipalities):
    response = api_client.get(
        "/api/v1/municipalities", {"provincie": "Atlantis", "grootteklasse": "huge"}
    )
    body = assert_problem(response, 400)
    assert {p["name"] for p in body["invalidParams"]} == {"provincie", "grootteklasse"}
    assert all(p["code"] == "invalid_choice" and p["reason"] for p in body["invalidParams"])

    body = assert_problem(api_client.get("/api/v1/municipalities", {"pageSize": 1000}), 400)
    assert body["invalidParams"][0]["name"] == "pageSize"
    assert body["invalidParams"][0]["code"] == "max_value"
    body = assert_problem(api_client.get("/api/v1/municipalities", {"page": "x"}), 400)
    assert body["invalidParams"][0]["name"] == "page"


@pytest.mark.django_db
def test_page_past_the_last_is_a_404_problem(api_client, municipalities):
    assert_problem(api_client.get("/api/v1/municipalities", {"page": 99}), 404)


@pytest.mark.django_db
def test_detail_counts_what_the_caller_may_see(
    api_client, utrecht, make_case, make_lesson, partner_token, public_token
):
    make_case(utrecht)
    make_case(utrecht, members_only=True, title="Alleen voor leden")
    make_lesson(utrecht)
    response = api_client.get("/api/v1/municipalities/GM0344")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["code"] == "GM0344"
    assert (body["caseCount"], body["lessonCount"]) == (1, 1)
    assert body["_links"]["self"]["href"] == "http://testserver/api/v1/municipalities/GM0344"

    _token, secret = partner_token
    as_partner = api_client.get(
        "/api/v1/municipalities/GM0344", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert (as_partner.json()["caseCount"], as_partner.json()["lessonCount"]) == (2, 1)
    _token, unscoped = public_token
    as_portal = api_client.get(
        "/api/v1/municipalities/GM0344", HTTP_AUTHORIZATION=f"Bearer {unscoped}"
    )
    assert as_portal.json()["caseCount"] == 1


@pytest.mark.django_db
def test_unknown_municipality_is_a_404_problem(api_client, municipalities):
    assert_problem(api_client.get("/api/v1/municipalities/GM9999"), 404)


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_the_page(
    api_client, municipalities, django_assert_num_queries
):
    # provinces for the filter's choices, the count, the page
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/municipalities", {"pageSize": 100})
    assert len(response.json()["_embedded"]["municipalities"]) == 100


@pytest.mark.django_db
@pytest.mark.parametrize("with_profile", [False, True])
def test_detail_query_count_is_fixed(
    api_client, utrecht, make_case, django_assert_num_queries, with_profile
):
    from questions.models import ExpertiseProfile
    from questions.published import published

    make_case(utrecht)
    make_case(utrecht, title="Tweede casus")
    if with_profile:
        ExpertiseProfile.objects.create(municipality=utrecht).declared_themes.set([])
    published()  # the router's cache of counts per theme, which routing keeps warm
    # Wagtail's .public() reads the view restrictions once per count (casusbladen,
    # lessen); then the one row with both counts as subqueries and the expertise
    # profile joined; its declared themes (when there is a profile); the invitations
    # and the answers of the last year (responsiveness).
    with django_assert_num_queries(6 if with_profile else 5):
        response = api_client.get("/api/v1/municipalities/GM0344")
    assert response.json()["caseCount"] == 2


@pytest.mark.django_db
def test_partner_request_adds_only_the_token_lookup(
    api_client, municipalities, partner_token, django_assert_num_queries
):
    token, secret = partner_token
    token.touch()  # used just now: no last-used write on this request
    with django_assert_num_queries(4):
        api_client.get(
            "/api/v1/municipalities", {"pageSize": 100}, HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
