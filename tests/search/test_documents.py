"""The content index's mapping and documents, against the real node."""

import json

import pytest
from elasticsearch import BadRequestError
from elasticsearch.helpers import bulk
from wagtail.models import PageViewRestriction

from cases.indexes import case_index_for
from cases.visibility import set_members_only
from search.client import index_name
from search.documents import (
    MEMBERS,
    PUBLIC,
    delete_action,
    index_body,
    indexable_pages,
    to_actions,
    to_document,
)

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture
def content_index(es_client):
    name = index_name("documents-check")
    es_client.indices.create(index=name, **index_body())
    yield name
    es_client.indices.delete(index=name)


def test_full_case_document_carries_every_field(full_case):
    full_case.refresh_from_db()
    document = to_document(full_case)
    assert document["_id"] == str(full_case.pk)
    assert document["_version"] == full_case.live_revision_id
    source = document["_source"]
    assert source["type"] == "casusblad"
    assert source["title"] == full_case.title
    assert source["municipality"] == {"code": "GM0344", "name": "Utrecht"}
    assert source["province"] == "Utrecht"
    assert source["size_class"] == "250k+"
    assert source["year"] == 2016 and source["status"] == "afgerond"
    assert source["visibility"] == PUBLIC
    assert set(source["sections"]) == {"context", "aanpak", "resultaten", "lessen"}
    assert {term["slug"] for term in source["themes"]} == {
        "inkomen-en-schulden",
        "sociale-wijkteams",
    }
    assert [term["slug"] for term in source["decentralisaties"]] == ["participatiewet"]
    assert [term["slug"] for term in source["profiel"]] == ["vroege-vernieuwer"]
    assert source["url"].endswith(f"/{full_case.slug}/")
    assert full_case.title in source["suggest"]
    assert "Participatiewet" in " ".join(source["suggest"])


def test_the_contact_person_is_never_in_a_document(full_case):
    text = json.dumps(to_document(full_case), ensure_ascii=False)
    for value in (full_case.contact_name, full_case.contact_role, full_case.contact_email):
        assert value and value not in text
    assert "contact" not in json.dumps(index_body()["mappings"])


def test_lesson_document_has_body_and_publication_year(utrecht, make_lesson):
    lesson = make_lesson(utrecht)
    lesson.refresh_from_db()
    source = to_document(lesson)["_source"]
    assert source["type"] == "les"
    assert "pilot" in source["body"]
    assert source["year"] == lesson.first_published_at.year
    assert "sections" not in source and "status" not in source


def test_members_only_directly_and_inherited_from_an_ancestor(utrecht, amersfoort, make_case):
    direct = make_case(utrecht, members_only=True, title="Direct beperkt")
    below = make_case(amersfoort, title="Onder een beperkte index")
    open_case = make_case(utrecht, title="Openbaar")
    PageViewRestriction.objects.create(
        page=case_index_for(amersfoort), restriction_type=PageViewRestriction.LOGIN
    )
    visibility = {page.pk: to_document(page)["_source"]["visibility"] for page in indexable_pages()}
    assert visibility == {direct.pk: MEMBERS, below.pk: MEMBERS, open_case.pk: PUBLIC}


def test_password_and_group_restricted_pages_are_not_indexed(utrecht, make_case):
    hidden = make_case(utrecht, title="Met wachtwoord")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    shown = make_case(utrecht, title="Zichtbaar")
    assert [page.pk for page in indexable_pages()] == [shown.pk]


def test_drafts_and_unpublished_pages_are_not_indexable(utrecht, make_case):
    live = make_case(utrecht, title="Live")
    gone = make_case(utrecht, title="Ingetrokken")
    gone.unpublish()
    assert [page.pk for page in indexable_pages()] == [live.pk]


def test_serialising_many_pages_costs_a_fixed_number_of_queries(
    utrecht, amersfoort, make_case, make_lesson, django_assert_max_num_queries
):
    for number in range(12):
        owner = utrecht if number % 2 else amersfoort
        make_case(owner, title=f"Casus {number}", members_only=number % 3 == 0)
        make_lesson(owner, title=f"Les {number}")
    # Two models: for each one query for the pages and one per prefetched relation.
    with django_assert_max_num_queries(12):
        documents = [to_document(page) for page in indexable_pages()]
    assert len(documents) == 24


def test_documents_fit_the_strict_mapping(es_client, content_index, full_case, make_lesson):
    lesson = make_lesson(full_case.municipality, cases=[full_case])
    indexed, errors = bulk(es_client, to_actions(indexable_pages(), index=content_index))
    assert (indexed, errors) == (2, [])
    stored = es_client.get(index=content_index, id=str(full_case.pk))
    full_case.refresh_from_db()
    assert stored["_version"] == full_case.live_revision_id
    assert stored["_source"]["sections"]["aanpak"]
    es_client.indices.refresh(index=content_index)
    hits = es_client.search(
        index=content_index, query={"term": {"themes.slug": "inkomen-en-schulden"}}
    )["hits"]["hits"]
    assert [hit["_id"] for hit in hits] == [str(full_case.pk)]
    bulk(es_client, [delete_action(lesson.pk, index=content_index)])
    assert not es_client.exists(index=content_index, id=str(lesson.pk))


def test_strict_mapping_refuses_unknown_fields(es_client, content_index):
    with pytest.raises(BadRequestError, match="strict_dynamic_mapping_exception"):
        es_client.index(index=content_index, id="x", document={"contact_name": "Sanne"})


def test_an_older_revision_never_overwrites_a_newer_one(es_client, content_index, full_case):
    bulk(es_client, to_actions([full_case], index=content_index))
    full_case.title = "Nieuwe titel"
    full_case.save_revision().publish()
    full_case.refresh_from_db()
    bulk(es_client, to_actions([full_case], index=content_index))
    stale = {**next(to_actions([full_case], index=content_index)), "_version": 1}
    _ok, errors = bulk(es_client, [stale], raise_on_error=False)
    assert errors and errors[0]["index"]["status"] == 409
    stored = es_client.get(index=content_index, id=str(full_case.pk))
    assert stored["_source"]["title"] == "Nieuwe titel"


def test_title_is_searchable_in_dutch_and_by_prefix(es_client, content_index, full_case):
    set_members_only(full_case, False)
    bulk(es_client, to_actions(indexable_pages(), index=content_index), refresh=True)
    for query in (
        {"match": {"title": "schuld"}},
        {"match": {"suggest": "vroegsi"}},
        {"match": {"sections.aanpak.parts": "wijkteam"}},
    ):
        hits = es_client.search(index=content_index, query=query)["hits"]["hits"]
        assert [hit["_id"] for hit in hits] == [str(full_case.pk)], query
