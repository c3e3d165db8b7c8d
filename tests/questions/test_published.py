"""The router's cached counts of what municipalities published: cached, and never stale."""

import pytest

from cases.visibility import set_members_only
from questions.published import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def pekela(municipalities, make_case):
    from municipalities.models import Municipality

    town = Municipality.objects.get(cbs_code="GM0765")
    case = make_case(town, title="Geldzorgen in Oost-Groningen", themes=["inkomen-en-schulden"])
    return town, case


def _themes(members: bool, code: str = "GM0765") -> dict:
    return dict(published().view(members).themes.get(code, {}))


def test_a_second_routing_reads_the_counts_from_the_cache(pekela, django_assert_num_queries):
    assert _themes(members=False) == {"inkomen-en-schulden": 1}
    with django_assert_num_queries(0):
        assert _themes(members=False) == {"inkomen-en-schulden": 1}
    town = next(t for t in published().towns if t.code == "GM0765")
    assert (town.name, town.province) == ("Pekela", "Groningen")


def test_publishing_unpublishing_and_restricting_clear_the_cache(pekela, make_case):
    town, case = pekela
    assert _themes(members=True) == {"inkomen-en-schulden": 1}
    make_case(
        town, title="Schuldhulp aan huis", themes=["inkomen-en-schulden", "wmo-ondersteuning"]
    )
    assert _themes(members=True) == {"inkomen-en-schulden": 2, "wmo-ondersteuning": 1}
    set_members_only(case, True)
    assert _themes(members=False) == {"inkomen-en-schulden": 1, "wmo-ondersteuning": 1}
    assert _themes(members=True) == {"inkomen-en-schulden": 2, "wmo-ondersteuning": 1}
    case.unpublish()
    assert _themes(members=True) == {"inkomen-en-schulden": 1, "wmo-ondersteuning": 1}
