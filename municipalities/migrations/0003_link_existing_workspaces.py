# Databases set up before workspaces existed tied a municipality to its editorial
# group and collection only through permission rows: the group holding page
# permissions on that municipality's case index (and on no other), and the
# "Gemeente ..." collection that group (and no other editorial group) holds
# permissions on. Record those ties once as Workspace rows, so that a municipality
# renamed since the last setup_editors run keeps its editors and its documents.
# What cannot be tied this way is adopted by name (or made) by the next
# setup_editors run.

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


class Migration(migrations.Migration):

    dependencies = [
        ("municipalities", "0002_workspace_membership"),
        ("cases", "0006_municipality_from_municipalities_app"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
