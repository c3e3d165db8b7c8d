"""The changes that alter a document, recorded in the outbox of their own transaction.

Wagtail's publishing signals rather than every ``post_save``: a draft revision
changes nothing that search shows. View restrictions, moves, renamed terms and
municipalities change the documents of pages that were not themselves edited, so
those pages are recorded too.

The same events rewrite the database fallback's search table, at once and in the
same transaction (search.fallback_table: why there and not by triggers).
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cases.models import CasePage, LessonPage, Term
from cases.models.topic_pages import TERM_FIELDS
from cases.signals import page_dates_changed
from municipalities.models import Municipality
from search import fallback_table
from search.indexing import record_changes

INDEXED_MODELS = (CasePage, LessonPage)


def _changed(page_ids) -> None:
    """Pages whose search entries must be rewritten: the fallback's now, the index's
    through the outbox."""
    ids = list(page_ids)
    fallback_table.refresh(ids)
    record_changes(ids)


def _page_and_descendants(page: Page) -> list[int]:
    return list(
        Page.objects.descendant_of(page, inclusive=True)
        .type(*INDEXED_MODELS)
        .values_list("pk", flat=True)
    )


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs) -> None:
    if isinstance(instance, INDEXED_MODELS):
        _changed([instance.pk])


@receiver(page_dates_changed)
def page_dates_set(sender, page_ids, **kwargs) -> None:
    _changed(page_ids)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs) -> None:
    _changed(_page_and_descendants(instance))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs) -> None:
    # Deleting an index deletes its pages as plain Page rows too, hence no sender
    # filter; a page that was never indexed costs a harmless delete of nothing.
    if isinstance(instance, Page):
        _changed([instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _changed(_page_and_descendants(page))


@receiver(post_save, sender=Term)
def term_saved(sender, instance, created, **kwargs) -> None:
    if created:
        return
    carrying = Q()
    for field in TERM_FIELDS.values():
        carrying |= Q(**{field: instance})
    cases = CasePage.objects.filter(carrying).values_list("pk", flat=True)
    lessons = LessonPage.objects.filter(themes=instance).values_list("pk", flat=True)
    _changed([*cases, *lessons])


@receiver(post_save, sender=Municipality)
def municipality_saved(sender, instance, created, **kwargs) -> None:
    if created:
        return
    for model in INDEXED_MODELS:
        _changed(model.objects.filter(municipality=instance).values_list("pk", flat=True))
