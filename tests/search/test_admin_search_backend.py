"""Wagtail's admin search runs on the database, not on the search app's index.

Two search systems on purpose (see WAGTAILSEARCH_BACKENDS in the settings): the
admin's page explorer and choosers find pages through Wagtail's database backend,
which works on the embedded default and cannot drift from the pages it searches.
"""

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.page_fixtures import *  # noqa: F403


def test_the_admin_backend_is_wagtails_database_backend(settings):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == (
        "wagtail.search.backends.database"
    )
    # Wagtail 8 delegates to modelsearch, which picks the SQLite or PostgreSQL
    # full-text implementation of the database backend.
    module = type(get_search_backend()).__module__
    assert ".backends.database." in module
    assert "elastic" not in module


def test_the_admin_page_search_finds_a_published_casusblad(utrecht, make_case, admin_client):
    case = make_case(utrecht, title="Mantelzorgcafé op het platteland")
    assert case.pk in [page.pk for page in Page.objects.search("Mantelzorgcafé")]

    response = admin_client.get("/admin/pages/search/", {"q": "Mantelzorgcafé"})

    assert response.status_code == 200
    assert "Mantelzorgcafé op het platteland" in response.content.decode()
