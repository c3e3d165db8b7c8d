"""Listings of casusbladen and lessen as the visitor may see them, a page at a time.

A listing says how many pages it holds and, to an anonymous visitor, how many more
are there for members only: an empty-looking theme must not read as "nothing here"
when members can see casusbladen about it. Titles of members-only pages are never
shown, only their number.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from cases.visibility import visible_pages

PER_PAGE = 12


@dataclass(frozen=True)
class PageLink:
    """One entry of the pagination bar: a page number with its address, or a gap."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Listing:
    """One page of a listing, with what the template needs around it."""

    page: Page
    members_only: int
    param: str
    anchor: str
    query: QueryDict

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def is_paginated(self) -> bool:
        return self.page.paginator.num_pages > 1

    def url_for(self, number: int) -> str:
        """The current address with this listing at page `number`; other filters kept."""
        query = self.query.copy()
        if number == 1:
            query.pop(self.param, None)
        else:
            query[self.param] = str(number)
        encoded = query.urlencode()
        return f"?{encoded}#{self.anchor}" if encoded else f"?#{self.anchor}"

    def links(self) -> list[PageLink]:
        paginator = self.page.paginator
        return [
            PageLink(None)
            if number == paginator.ELLIPSIS
            else PageLink(number, self.url_for(number), number == self.page.number)
            for number in paginator.get_elided_page_range(
                self.page.number, on_each_side=2, on_ends=1
            )
        ]

    @property
    def previous_url(self) -> str:
        return self.url_for(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url_for(self.page.next_page_number()) if self.page.has_next() else ""


def members_only_count(queryset: QuerySet, user: User | AnonymousUser) -> int:
    """How many live pages of `queryset` the user cannot see because they are for members."""
    if user.is_authenticated:
        return 0
    return queryset.live().not_public().count()


def paginate(
    request: HttpRequest,
    items: QuerySet,
    *,
    param: str,
    anchor: str,
    per_page: int = PER_PAGE,
    members_only: int = 0,
) -> Listing:
    """The requested page of `items` (`?<param>=N`; a bad or too large N shows the last
    or first page rather than an error, as a visitor following an old link expects)."""
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    return Listing(page, members_only, param, anchor, request.GET)


def page_listing(request: HttpRequest, queryset: QuerySet, *, param: str, order_by: str) -> Listing:
    """The pages of `queryset` the visitor may see, paginated, with the hidden count.

    `param` is both the query parameter of its page number and the id of its heading.
    """
    visible = visible_pages(queryset, request.user).select_related("municipality")
    return paginate(
        request,
        visible.order_by(order_by, "pk"),
        param=param,
        anchor=param,
        members_only=members_only_count(queryset, request.user),
    )
