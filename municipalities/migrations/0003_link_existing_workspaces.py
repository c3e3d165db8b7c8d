# Databases set up before workspaces existed tied a municipality to its editorial
# group and collection only through permission rows: the group holding page
# permissions on that municipality's case index (and on no other), and the
# "Gemeente ..." collection that group (and no other editorial group) holds
# permissions on. Record those ties once as Workspace rows, so that a municipality
# renamed since the last setup_editors run keeps its editors and its documents.
# What cannot be tied this way is adopted by name (or made) by the next
# setup_editors run.
#
# The users already in a linked editorial group get a Membership of that
# municipality, so that "editor of X" implies "acts for X" from the start
# (municipalities.membership_sync keeps it so from then on). A user who was in
# several editorial groups keeps them all and acts for the first.

from django.conf import settings
from django.db import migrations

EDITOR_GROUP_PREFIX = "Redactie Gemeente "
COLLECTION_PREFIX = "Gemeente "


def _exclusive(pairs):
    """From (a, b) pairs: b -> the a's paired with that b and with no other b."""
    targets = {}
    for a, b in pairs:
        targets.setdefault(a, set()).add(b)
    result = {}
    for a, bs in targets.items():
        if len(bs) == 1:
            result.setdefault(next(iter(bs)), set()).add(a)
    return result


def _pick(candidates, objects, wanted_name):
    named = [pk for pk in candidates if objects[pk].name == wanted_name]
    return named[0] if named else min(candidates)


def link(apps, schema_editor):
    Workspace = apps.get_model("municipalities", "Workspace")
    Municipality = apps.get_model("municipalities", "Municipality")
    CaseIndexPage = apps.get_model("cases", "CaseIndexPage")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    municipality_of_page = dict(CaseIndexPage.objects.values_list("page_ptr_id", "municipality_id"))
    groups_of = _exclusive(
        (group_id, municipality_of_page[page_id])
        for group_id, page_id in GroupPagePermission.objects.filter(
            group__name__startswith=EDITOR_GROUP_PREFIX, page_id__in=municipality_of_page
        ).values_list("group_id", "page_id")
    )
    collections_of = _exclusive(
        GroupCollectionPermission.objects.filter(
            group__name__startswith=EDITOR_GROUP_PREFIX,
            collection__depth=2,
            collection__name__startswith=COLLECTION_PREFIX,
        ).values_list("collection_id", "group_id")
    )
    groups = Group.objects.in_bulk(set().union(*groups_of.values()))
    collections = Collection.objects.in_bulk(set().union(*collections_of.values()))
    used_collections = set()
    links = []
    for municipality in Municipality.objects.filter(pk__in=groups_of):
        group_id = _pick(groups_of[municipality.pk], groups, EDITOR_GROUP_PREFIX + municipality.name)
        candidates = collections_of.get(group_id, set()) - used_collections
        if not candidates:
            continue
        collection_id = _pick(candidates, collections, COLLECTION_PREFIX + municipality.name)
        used_collections.add(collection_id)
        links.append(
            Workspace(
                municipality_id=municipality.pk, editor_group_id=group_id, collection_id=collection_id
            )
        )
    Workspace.objects.bulk_create(links)

    Membership = apps.get_model("municipalities", "Membership")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    municipality_of_group = {link.editor_group_id: link.municipality_id for link in links}
    acting = set(Membership.objects.values_list("user_id", flat=True))
    memberships = []
    for user_id, group_id in (
        User.groups.through.objects.filter(group_id__in=municipality_of_group)
        .order_by("group_id")
        .values_list("user_id", "group_id")
    ):
        if user_id not in acting:
            acting.add(user_id)
            memberships.append(
                Membership(user_id=user_id, municipality_id=municipality_of_group[group_id])
            )
    Membership.objects.bulk_create(memberships)


class Migration(migrations.Migration):

    dependencies = [
        ("municipalities", "0002_workspace_membership"),
        ("cases", "0006_municipality_from_municipalities_app"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
