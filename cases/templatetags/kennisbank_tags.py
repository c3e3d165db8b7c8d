"""Template helpers for the public pages.

A term's listing lives on the topic index (a routable page), so a link to it needs
that page; it is looked up once per request and kept on the request.
"""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from cases.models import Term, TopicIndexPage

register = template.Library()

_CACHE_ATTRIBUTE = "_kennisbank_topic_index"
_MISSING = object()


def _topic_index(context: template.Context) -> TopicIndexPage | None:
    if isinstance(context.get("page"), TopicIndexPage):
        return context["page"]
    request: HttpRequest | None = context.get("request")
    cached = getattr(request, _CACHE_ATTRIBUTE, _MISSING) if request is not None else _MISSING
    if cached is not _MISSING:
        return cached
    found = TopicIndexPage.objects.live().first()
    if request is not None:
        setattr(request, _CACHE_ATTRIBUTE, found)
    return found


@register.simple_tag(takes_context=True)
def topic_index(context: template.Context) -> TopicIndexPage | None:
    """`{% topic_index as topics %}`: the live topic index, or None when there is none."""
    return _topic_index(context)


@register.simple_tag(takes_context=True)
def term_url(context: template.Context, term: Term) -> str:
    """`{% term_url term %}`: the address of the term's listing ("" without a topic index)."""
    index = _topic_index(context)
    return index.term_url(term) if index is not None else ""


@register.simple_tag(takes_context=True)
def path_in_default_language(context: template.Context) -> str:
    """The current address without a language prefix: the language switch's `next`.

    Django's set_language view is served outside i18n_patterns, where the default
    language is active, so it can only translate an address it resolves in that
    language: /en/onderwerpen/ would stay /en/onderwerpen/ when switching to Dutch.
    """
    request: HttpRequest | None = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), settings.LANGUAGE_CODE)
