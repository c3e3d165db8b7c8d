"""Who may see which pages: anonymous visitors see public pages, members see all.

"Members only" is a Wagtail login view restriction, so the page itself, listings,
search and exports all answer the same question the same way.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, QuerySet
from wagtail.models import Page, PageViewRestriction

# Set by with_members_only(), so reading many pages' visibility costs one query.
_ANNOTATION = "members_only_restriction"


def visible_pages(queryset: QuerySet, user: User | AnonymousUser) -> QuerySet:
    queryset = queryset.live()
    return queryset if user.is_authenticated else queryset.public()


def _login_restrictions() -> QuerySet:
    return PageViewRestriction.objects.filter(restriction_type=PageViewRestriction.LOGIN)


def with_members_only(queryset: QuerySet) -> QuerySet:
    """`queryset` with each page's members-only flag loaded, for is_members_only()."""
    return queryset.annotate(
        **{_ANNOTATION: Exists(_login_restrictions().filter(page=OuterRef("pk")))}
    )


def is_members_only(page: Page) -> bool:
    known = getattr(page, _ANNOTATION, None)
    if known is not None:
        return known
    return _login_restrictions().filter(page=page).exists()


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
