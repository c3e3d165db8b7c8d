"""Who may see which pages: anonymous visitors see public pages, members see all.

"Members only" is a Wagtail login view restriction, so the page itself, listings,
search and exports all answer the same question the same way.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from wagtail.models import Page, PageViewRestriction


def visible_pages(queryset: QuerySet, user: User | AnonymousUser) -> QuerySet:
    queryset = queryset.live()
    return queryset if user.is_authenticated else queryset.public()


def is_members_only(page: Page) -> bool:
    return PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.LOGIN
    ).exists()


def set_members_only(page: Page, members_only: bool) -> None:
    restrictions = PageViewRestriction.objects.filter(page=page)
    if (
        members_only
        and not restrictions.filter(restriction_type=PageViewRestriction.LOGIN).exists()
    ):
        restrictions.delete()
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif not members_only:
        restrictions.delete()
