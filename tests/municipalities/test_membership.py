"""municipalities.membership: which municipality a user acts for, and in which role.

Utrecht and Amersfoort have workspaces (the setup_editors fixture); Leeuwarden,
imported with the rest of the CBS list, has none.
"""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.exceptions import ValidationError
from django.db import transaction

from municipalities.membership import (
    Role,
    collection_of,
    editor_group_of,
    end_membership,
    members,
    membership_of,
    municipality_of_collection,
    set_membership,
)
from municipalities.models import Membership, Municipality

pytestmark = pytest.mark.django_db

ROLE_SETS = {
    "member": set(),
    "editor": {Role.EDITOR},
    "broker": {Role.KNOWLEDGE_BROKER},
    "editor and broker": {Role.EDITOR, Role.KNOWLEDGE_BROKER},
}


def make_user(username: str) -> User:
    return User.objects.create_user(username, f"{username}@voorbeeld.nl")


def in_editorial_groups(user: User) -> set[str]:
    return set(
        user.groups.filter(municipality_workspace__isnull=False).values_list("name", flat=True)
    )


@pytest.mark.parametrize("name", ROLE_SETS)
def test_role_matrix(name, setup_editors, utrecht, amersfoort):
    """Each combination of roles is what membership_of and members() report, nothing more."""
    user = make_user("ambtenaar")
    set_membership(user, utrecht, ROLE_SETS[name])

    affiliation = membership_of(user)
    assert affiliation.municipality == utrecht
    assert affiliation.roles == {Role.MEMBER, *ROLE_SETS[name]}
    for role in Role:
        assert (user in members(utrecht, role)) == affiliation.has(role), role
        assert user not in members(amersfoort, role)
    expected_groups = {"Redactie Gemeente Utrecht"} if Role.EDITOR in ROLE_SETS[name] else set()
    assert in_editorial_groups(user) == expected_groups


def test_nobody_acts_for_a_municipality_by_default(setup_editors, utrecht):
    assert membership_of(AnonymousUser()) is None
    assert membership_of(make_user("los")) is None
    assert not members(utrecht).exists()


def test_inactive_users_are_not_listed(setup_editors, utrecht):
    user = make_user("vertrokken")
    set_membership(user, utrecht, {Role.KNOWLEDGE_BROKER})
    user.is_active = False
    user.save()
    assert not members(utrecht, Role.KNOWLEDGE_BROKER).exists()


def test_moving_to_another_municipality_drops_the_old_roles(setup_editors, utrecht, amersfoort):
    user = make_user("verhuisd")
    set_membership(user, utrecht, {Role.EDITOR, Role.KNOWLEDGE_BROKER})

    set_membership(user, amersfoort)

    assert membership_of(user).municipality == amersfoort
    assert membership_of(user).roles == {Role.MEMBER}
    assert in_editorial_groups(user) == set()
    assert Membership.objects.count() == 1


def test_ending_a_membership_ends_editing(setup_editors, utrecht):
    user = make_user("gestopt")
    set_membership(user, utrecht, {Role.EDITOR})
    end_membership(user)
    assert membership_of(user) is None
    assert in_editorial_groups(user) == set()


def test_editor_needs_an_editorial_group(setup_editors):
    leeuwarden = Municipality.objects.get(name="Leeuwarden")
    user = make_user("te-vroeg")
    with pytest.raises(ValidationError, match="setup_editors"):
        set_membership(user, leeuwarden, {Role.EDITOR})
    assert membership_of(user) is None  # nothing half written
    set_membership(user, leeuwarden)
    assert membership_of(user).roles == {Role.MEMBER}


def test_workspace_lookups(setup_editors, utrecht):
    assert editor_group_of(utrecht).name == "Redactie Gemeente Utrecht"
    assert collection_of(utrecht).name == "Gemeente Utrecht"
    assert municipality_of_collection(collection_of(utrecht)) == utrecht
    leeuwarden = Municipality.objects.get(name="Leeuwarden")
    assert editor_group_of(leeuwarden) is None and collection_of(leeuwarden) is None


# Wagtail's own user editor changes groups directly; the membership follows. ----------


def test_joining_an_editorial_group_makes_the_user_act_for_it(setup_editors, utrecht):
    user = make_user("via-groep")
    user.groups.add(editor_group_of(utrecht))
    assert membership_of(user).municipality == utrecht
    assert membership_of(user).roles == {Role.MEMBER, Role.EDITOR}

    other = make_user("via-groep-andersom")
    editor_group_of(utrecht).user_set.add(other)
    assert membership_of(other).roles == {Role.MEMBER, Role.EDITOR}


def test_joining_another_editorial_group_moves_the_user(setup_editors, utrecht, amersfoort):
    user = make_user("overstapper")
    set_membership(user, utrecht, {Role.EDITOR, Role.KNOWLEDGE_BROKER})

    user.groups.set([editor_group_of(amersfoort)])

    assert membership_of(user).municipality == amersfoort
    assert membership_of(user).roles == {Role.MEMBER, Role.EDITOR}
    assert in_editorial_groups(user) == {"Redactie Gemeente Amersfoort"}


def test_leaving_the_editorial_group_keeps_the_membership(setup_editors, utrecht):
    user = make_user("oud-redacteur")
    set_membership(user, utrecht, {Role.EDITOR})
    user.groups.remove(editor_group_of(utrecht))
    assert membership_of(user).roles == {Role.MEMBER}


def test_two_editorial_groups_at_once_are_refused(setup_editors, utrecht, amersfoort):
    user = make_user("dubbel")
    with pytest.raises(ValueError, match="more than one municipality"), transaction.atomic():
        user.groups.add(editor_group_of(utrecht), editor_group_of(amersfoort))
    assert membership_of(user) is None and in_editorial_groups(user) == set()


def test_other_groups_do_not_touch_memberships(setup_editors, moderator):
    assert membership_of(moderator) is None
    user = make_user("gewoon")
    user.groups.add(Group.objects.get(name="Kennisredactie"))
    assert membership_of(user) is None
