"""Template helpers for search results, on the search page and beside a casusblad.

`related_cases` is a tag rather than part of CasePage.get_context because the cases
app sits below search in the import graph: the template asks search, cases never
imports it.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cases.models import CasePage
from search import facets, service
from search.highlights import END, MARK
from search.service import Hit

register = template.Library()

# Fields whose fragments make a hit's snippet, in the order a reader meets them.
SNIPPET_FIELDS = re.compile(r"^(summary|sections\..+|body|answer)$")
SNIPPET_FRAGMENTS = 2
_UNSAFE = re.compile(r"[<>\"']")


@register.filter
def highlighted(fragment: str) -> SafeString:
    """A highlight fragment as markup: trusted only if ``<mark>`` is its only markup.

    search.highlights promises escaped text with ``<mark>`` only; this checks that
    promise before marking anything safe, and escapes the whole fragment otherwise.
    """
    text = str(fragment)
    if _UNSAFE.search(text.replace(MARK, "").replace(END, "")):
        return escape(text.replace(MARK, "").replace(END, ""))
    return mark_safe(text)  # noqa: S308 (checked above: <mark> and escaped text only)


@register.filter
def title_of(hit: Hit) -> SafeString:
    """The hit's title with its marks, or the plain title, escaped."""
    marked = hit.highlights.get("title")
    return highlighted(marked[0]) if marked else escape(hit.title)


@register.filter
def snippets(hit: Hit) -> list[str]:
    """Up to two marked fragments of the text (summary, sections, body)."""
    found = [
        fragment
        for name, fragments in hit.highlights.items()
        if SNIPPET_FIELDS.match(name)
        for fragment in fragments
    ]
    return found[:SNIPPET_FRAGMENTS]


@register.filter
def type_label(hit: Hit) -> str:
    return facets.type_labels().get(hit.type, hit.type).capitalize()


@register.simple_tag(takes_context=True)
def related_cases(context: template.Context, page: CasePage) -> list[Hit]:
    """`{% related_cases page as related %}`: casusbladen like this one the reader may see."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return service.related(page, members=bool(user and user.is_authenticated))
