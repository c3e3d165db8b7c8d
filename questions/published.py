"""What the router knows of every municipality before a question comes: cached until a change.

Per municipality: its name, province and size class, its visible pages per theme
and per decentralisation, and the organisation profile most of its casusbladen
carry; and the labels of the taxonomy. Counting the pages takes a few grouped
queries, each with the visibility subqueries of ``search.documents`` (view
restrictions of the page or an ancestor), and building those queries costs Django
more than the database needs to answer them: measured, four times the rest of a
routing. They change only when a page is published, unpublished, moved or
deleted, or its view restriction changes (the names: when a municipality or a
term is saved), not when a question is asked; so they
are computed once for both views (members and the public) and cached for at most
``ROUTING_PUBLISHED_CACHE_SECONDS`` (60 s) in Django's cache. Those changes clear
the entry at once and again after their commit (a routing in between would cache
the old state) in the process that made them; the TTL covers other processes, as
for the synonym set (search.synonym_set).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cases.models import CasePage, Term
from municipalities.models import Municipality
from municipalities.size_classes import size_class_for
from search.documents import indexable_querysets

CACHE_KEY = "questions:published:v1"
DEFAULT_CACHE_SECONDS = 60


@dataclass(frozen=True)
class View:
    """One reader's view: CBS code -> slug -> number of visible pages."""

    themes: dict[str, Counter] = field(default_factory=dict)
    decentralisaties: dict[str, Counter] = field(default_factory=dict)


@dataclass(frozen=True)
class Town:
    code: str
    name: str
    province: str
    size_class: str
    profile: str  # organisation profile slug most of its casusbladen carry, or ""


@dataclass(frozen=True)
class Published:
    towns: tuple[Town, ...]  # every municipality, by CBS code
    members: View
    public: View
    labels: dict[str, dict[str, str]]  # vocabulary -> slug -> label

    def view(self, members: bool) -> View:
        return self.members if members else self.public


def _count() -> Published:
    # members view -> (themes, decentralisaties), each CBS code -> slug -> pages
    counts = {members: (defaultdict(Counter), defaultdict(Counter)) for members in (True, False)}
    for model, queryset in indexable_querysets().items():
        relations = [("themes", 0)]
        if model is CasePage:
            relations.append(("decentralisations", 1))
        for relation, slot in relations:
            rows = (
                queryset.prefetch_related(None)
                .order_by()
                .filter(**{f"{relation}__isnull": False})
                .values_list(
                    "municipality__cbs_code", f"{relation}__slug", "members_only_inherited"
                )
                .annotate(n=Count("pk"))
            )
            for code, slug, members_only, n in rows:
                counts[True][slot][code][slug] += n
                if not members_only:
                    counts[False][slot][code][slug] += n
    profiles: dict[str, Counter] = defaultdict(Counter)
    rows = (
        indexable_querysets()[CasePage]
        .prefetch_related(None)
        .order_by()
        .exclude(profile=None)
        .values_list("municipality__cbs_code", "profile__slug")
        .annotate(n=Count("pk"))
    )
    for code, slug, n in rows:
        profiles[code][slug] += n
    views = {
        members: View(themes=dict(themes), decentralisaties=dict(laws))
        for members, (themes, laws) in counts.items()
    }
    towns = tuple(
        Town(
            code=code,
            name=name,
            province=province,
            size_class=str(size_class_for(population).value),
            profile=min(profiles[code], key=lambda slug: (-profiles[code][slug], slug), default=""),
        )
        for code, name, province, population in Municipality.objects.order_by(
            "cbs_code"
        ).values_list("cbs_code", "name", "province", "population")
    )
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for vocabulary, slug, label in Term.objects.values_list("vocabulary", "slug", "label"):
        labels[vocabulary][slug] = label
    return Published(towns=towns, members=views[True], public=views[False], labels=dict(labels))


def published() -> Published:
    """The counts, at most ``ROUTING_PUBLISHED_CACHE_SECONDS`` old."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found = _count()
        seconds = getattr(settings, "ROUTING_PUBLISHED_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
        cache.set(CACHE_KEY, found, seconds)
    return found


def forget() -> None:
    cache.delete(CACHE_KEY)


def _changed(**kwargs) -> None:
    forget()
    transaction.on_commit(forget)


@receiver(page_published, dispatch_uid="routing-published-page-published")
@receiver(page_unpublished, dispatch_uid="routing-published-page-unpublished")
@receiver(post_page_move, dispatch_uid="routing-published-page-moved")
def _page_changed(sender, **kwargs) -> None:
    _changed()


@receiver(post_delete, dispatch_uid="routing-published-page-deleted")
def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        _changed()


@receiver(post_save, sender=Municipality, dispatch_uid="routing-published-municipality")
@receiver(post_save, sender=Term, dispatch_uid="routing-published-term-saved")
@receiver(post_delete, sender=Term, dispatch_uid="routing-published-term-deleted")
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="routing-published-restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="routing-published-opened")
def _record_changed(sender, **kwargs) -> None:
    _changed()
