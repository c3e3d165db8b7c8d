"""The synonym set in the database: seed, validation, the admin snippet, the cache."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from search import synonym_set
from search.synonym_models import SynonymGroup
from search.synonyms import load_seed

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def group(terms: str, **fields) -> SynonymGroup:
    made = SynonymGroup(terms=terms, **fields)
    made.full_clean()
    made.save()
    return made


def errors(terms: str, **fields) -> list[str]:
    with pytest.raises(ValidationError) as raised, translation.override("nl"):
        SynonymGroup(terms=terms, **fields).full_clean()
    with translation.override("nl"):
        return raised.value.message_dict["terms"]


def test_the_migration_seeds_every_group_of_the_seed_file():
    assert SynonymGroup.objects.count() == len(load_seed()) >= 150
    assert SynonymGroup.objects.filter(terms="pgb, persoonsgebonden budget").exists()
    assert len(synonym_set.current_groups()) == len(load_seed())


def test_a_group_is_stored_in_canonical_form():
    made = group("  Leerkring,   Lerend NETWERK ")
    assert made.terms == "leerkring, lerend netwerk"
    assert group("Wijkbus=>Buurtvervoer").terms == "wijkbus => buurtvervoer"


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ("leerkring", "een groep heeft minstens twee termen nodig"),
        (
            "leerkring, , netwerk",
            "een lege term (twee komma\u2019s achter elkaar, of een komma aan het eind)",
        ),
        ("a => b => c", "meer dan één “=>”"),
        ("leerkring, Leerkring", "“leerkring” staat er twee keer in"),
        (
            "leerkring, netwerk # uitleg",
            "Een groep kan geen “#” bevatten; gebruik de toelichting voor uitleg.",
        ),
        ("leerkring,\nnetwerk", "Zet één groep per rij; voeg een rij toe voor de volgende groep."),
    ],
)
def test_a_bad_group_gets_a_dutch_error_naming_the_problem(terms, expected):
    assert errors(terms) == [expected]


def test_a_term_of_another_active_group_is_refused_naming_that_group():
    assert errors("pgb, budget") == [
        "“pgb” staat al in de actieve groep “pgb, persoonsgebonden budget”."
    ]
    # An inactive group conflicts with nothing; activating it is checked again.
    inactive = group("pgb, budget", active=False)
    inactive.active = True
    with pytest.raises(ValidationError):
        inactive.full_clean()


def test_current_groups_are_cached_and_a_save_or_delete_clears_them(
    django_capture_on_commit_callbacks,
):
    assert not any("leerkring" in rule.terms for rule in synonym_set.current_groups())
    with django_capture_on_commit_callbacks(execute=True):
        made = group("leerkring, lerend netwerk")
    assert synonym_set.expand(["Leerkring"]) == ["lerend netwerk"]
    with django_capture_on_commit_callbacks(execute=True):
        made.active = False
        made.save()
    assert synonym_set.expand(["leerkring"]) == []
    with django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.filter(terms="pgb, persoonsgebonden budget").delete()
    assert synonym_set.expand(["pgb"]) == []


def test_another_process_sees_a_change_once_the_cached_set_expires(settings):
    """A write in another process clears nothing here: the TTL bounds how stale it is."""
    settings.SYNONYM_CACHE_SECONDS = 60
    synonym_set.current_groups()
    # As another process would: a row written without this process's signals.
    SynonymGroup.objects.bulk_create([SynonymGroup(terms="leerkring, lerend netwerk")])
    assert synonym_set.expand(["leerkring"]) == []
    ttl = cache._expire_info[cache.make_key(synonym_set.CACHE_KEY)]  # locmem's expiry
    import time

    assert 0 < ttl - time.time() <= 60
    cache.delete(synonym_set.CACHE_KEY)  # what the expiry does after 60 s
    assert synonym_set.expand(["leerkring"]) == ["lerend netwerk"]


def test_expand_gives_each_alternative_once_and_one_way_rules_one_way():
    group("wijkbus => buurtvervoer")
    assert synonym_set.expand(["wijkbus"]) == ["buurtvervoer"]
    assert synonym_set.expand(["buurtvervoer"]) == []
    assert synonym_set.expand(["wmo", "WMO"]) == synonym_set.expand(["wmo"])


def test_a_bad_row_written_around_the_form_is_ignored_not_fatal():
    SynonymGroup.objects.bulk_create(
        [SynonymGroup(terms="kapot"), SynonymGroup(terms="pgb, ander budget")]
    )
    rules = synonym_set.current_groups()
    assert len(rules) == len(load_seed())
    assert synonym_set.expand(["pgb"]) == ["persoonsgebonden budget"]


# The admin snippet ------------------------------------------------------------------


def test_moderator_adds_a_group_and_sees_the_error_of_a_bad_one(moderator, client):
    client.force_login(moderator)
    add = reverse("wagtailsnippets_search_synonymgroup:add")
    response = client.get(add)
    assert response.status_code == 200
    assert "rolstoel, scootmobiel =&gt; hulpmiddelen" in response.content.decode()

    response = client.post(add, {"terms": "pgb, budget", "active": "on", "note": ""})
    assert response.status_code == 200
    assert "“pgb” staat al in de actieve groep “pgb, persoonsgebonden budget”." in (
        response.content.decode()
    )
    assert not SynonymGroup.objects.filter(terms="pgb, budget").exists()

    response = client.post(add, {"terms": "Leerkring, lerend netwerk", "active": "on"})
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="leerkring, lerend netwerk", active=True).exists()


SNIPPET_MATRIX = {
    # role: (list, add, edit, delete) over HTTP
    "member": (False, False, False, False),
    "editor_a": (False, False, False, False),
    "moderator": (True, True, True, True),
    "superuser": (True, True, True, True),
}


@pytest.mark.parametrize("role", SNIPPET_MATRIX)
def test_only_the_kennisredactie_manages_synonyms(role, request, client, setup_editors):
    user = request.getfixturevalue("admin_user" if role == "superuser" else role)
    client.force_login(user)
    target = SynonymGroup.objects.get(terms="pgb, persoonsgebonden budget")
    urls = (
        reverse("wagtailsnippets_search_synonymgroup:list"),
        reverse("wagtailsnippets_search_synonymgroup:add"),
        reverse("wagtailsnippets_search_synonymgroup:edit", args=[target.pk]),
        reverse("wagtailsnippets_search_synonymgroup:delete", args=[target.pk]),
    )
    allowed = tuple(client.get(url).status_code == 200 for url in urls)
    assert allowed == SNIPPET_MATRIX[role]
    perms = ("add", "change", "delete")
    assert [user.has_perm(f"search.{p}_synonymgroup") for p in perms] == [
        SNIPPET_MATRIX[role][1]
    ] * 3
