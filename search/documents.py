"""What the content index holds: its mapping, and a page turned into a document.

One index (behind the alias ``index_name(CONTENT)``) holds the live casusbladen and
lessen, one document per page. A document is always built from the database as it
is now, so whoever (re)indexes a page writes its current state; the external
version (the page's live revision id, compared with ``external_gte``) only keeps an
older revision from overwriting a newer one. Equal versions overwrite, because a
move, a view restriction or a renamed term changes the document without a new
revision. ``digest`` fingerprints the source so reconcile can find such drift too.

The contact person is never part of a document: it is shown to members on the page
itself only, and an index that never holds it can never leak it.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from django.utils import translation
from elasticsearch_dsl import Date, Integer, Keyword, Mapping, Object, Text
from wagtail.models import PageViewRestriction

from cases.models import CasePage, LessonPage
from search.analysis import (
    analysis_settings,
    dutch_exact,
    dutch_exact_search,
    dutch_text_field,
    suggest_prefix,
    suggest_search,
)
from search.client import index_name
from search.sources import SourceDocument, document_id, registered, source_of

CONTENT = "content"
CASE, LESSON = "casusblad", "les"
# A resolved question, written by the questions app (search.sources).
QUESTION = "vraag"
PAGE_TYPES = (CASE, LESSON)
# The date a page's year facet is taken from, per type. A les has no period of its
# own: its year is the year it was first published. (The fallback's table reads it
# in SQL, search.fallback_table; the index from the page, page_year.)
YEAR_FIELDS = {CASE: "period_start", LESSON: "first_published_at"}
PUBLIC, MEMBERS = "public", "members"
VERSION_TYPE = "external_gte"

# Model field -> document field of each casusblad section (Dutch, as in the API).
SECTION_FIELDS = {
    "context": "context",
    "approach": "aanpak",
    "results": "resultaten",
    "conditions": "randvoorwaarden",
    "working_elements": "werkzame_elementen",
    "lessons_learned": "lessen",
}
# Model relation -> document field of each vocabulary a casusblad is classified with.
CASE_TERM_FIELDS = {
    "decentralisations": "decentralisaties",
    "risks": "risicos",
    "opportunities": "kansen",
}


def alias() -> str:
    return index_name(CONTENT)


def _term_object() -> Object:
    # The slug filters and counts facets; the label is searched like any Dutch text.
    return Object(properties={"slug": Keyword(), "label": dutch_text_field()})


def _exact_text() -> Text:
    """Names (municipality, province) matched word for word, unstemmed."""
    return Text(analyzer=dutch_exact, search_analyzer=dutch_exact_search)


def mapping() -> Mapping:
    m = Mapping()
    m.meta("dynamic", "strict")
    m.field("page_id", Integer())
    m.field("question_id", Integer())
    m.field("type", Keyword())
    m.field("title", dutch_text_field(suggest=True))
    m.field("summary", dutch_text_field())
    m.field(
        "sections",
        Object(
            properties={name: dutch_text_field(exact=False) for name in SECTION_FIELDS.values()}
        ),
    )
    m.field("body", dutch_text_field(exact=False))
    m.field("answer", dutch_text_field(exact=False))  # a question's accepted answer
    for name in ("themes", *CASE_TERM_FIELDS.values(), "profiel"):
        m.field(name, _term_object())
    m.field(
        "municipality",
        Object(properties={"code": Keyword(), "name": _exact_text()}),
    )
    m.field("province", Keyword(fields={"text": _exact_text()}))
    m.field("size_class", Keyword())
    m.field("year", Integer())
    m.field("status", Keyword())
    m.field("visibility", Keyword())
    m.field("url", Keyword(index=False))
    m.field("external_id", Keyword())
    m.field("first_published_at", Date())
    m.field("last_published_at", Date())
    m.field("suggest", Text(analyzer=suggest_prefix, search_analyzer=suggest_search))
    m.field("digest", Keyword(index=False))
    return m


def index_body() -> dict:
    """Settings and strict mappings of a new physical content index."""
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": settings.ELASTICSEARCH_REPLICAS,
            # No delete tombstones: a document deleted behind the index's back (or by
            # hand) can be written again at once with its revision as version. Stale
            # writes after a delete cannot happen: drains are serialised and always
            # write the database's current state.
            "gc_deletes": "0s",
            "analysis": analysis_settings(),
        },
        "mappings": mapping().to_dict(),
    }


def _restricted(restriction_type: str) -> Exists:
    """Whether the page or one of its ancestors carries a view restriction of this type.

    Wagtail paths nest (an ancestor's path is a prefix of its descendants'), so the
    test is one correlated subquery instead of a walk up the tree per page.
    """
    return Exists(
        PageViewRestriction.objects.filter(restriction_type=restriction_type)
        .annotate(prefix=Substr(OuterRef("path"), 1, Length("page__path")))
        .filter(page__path=F("prefix"))
    )


def _prepared(queryset: QuerySet, *, relations: Iterable[str], related: Iterable[str]):
    # Password and group restrictions hide a page from ordinary members too: such a
    # page is not indexed at all rather than shown to the wrong readers.
    other_types = [
        value
        for value, _label in PageViewRestriction.RESTRICTION_CHOICES
        if value != PageViewRestriction.LOGIN
    ]
    hidden = {f"hidden_{value}": _restricted(value) for value in other_types}
    return (
        queryset.live()
        .annotate(members_only_inherited=_restricted(PageViewRestriction.LOGIN), **hidden)
        .filter(**dict.fromkeys(hidden, False))
        .select_related("municipality", *related)
        .prefetch_related(*relations)
        .order_by("pk")
    )


def indexable_querysets() -> dict[type, QuerySet]:
    """Per page model, the live pages that belong in the index, ready to serialise.

    Casusbladen and lessen live in two tables (their base is abstract), so there is
    one prefetched queryset per model; each costs a fixed number of queries however
    many pages it holds.
    """
    return {
        CasePage: _prepared(
            CasePage.objects.all(),
            relations=("themes", *CASE_TERM_FIELDS),
            related=("profile",),
        ),
        LessonPage: _prepared(LessonPage.objects.all(), relations=("themes",), related=()),
    }


def indexable_pages(ids: Iterable[int] | None = None) -> Iterator:
    """The live casusbladen and lessen that belong in the index (optionally only ``ids``)."""
    wanted = None if ids is None else list(ids)
    for queryset in indexable_querysets().values():
        if wanted is not None:
            queryset = queryset.filter(pk__in=wanted)
        yield from queryset


def terms(items) -> list[dict]:
    """Taxonomy terms as the index holds them."""
    return [{"slug": term.slug, "label": term.label} for term in items]


def municipality_fields(municipality) -> dict:
    """Who a document belongs to, as the facets and name matches read it."""
    return {
        "municipality": {"code": municipality.cbs_code, "name": municipality.name},
        "province": municipality.province,
        "size_class": str(municipality.size_class.value),
    }


def _members_only(page) -> bool:
    known = getattr(page, "members_only_inherited", None)
    if known is not None:
        return known
    return (
        type(page)
        .objects.filter(pk=page.pk)
        .annotate(flag=_restricted(PageViewRestriction.LOGIN))
        .values_list("flag", flat=True)
        .first()
        is True
    )


def _source(page) -> dict:
    is_case = isinstance(page, CasePage)
    themes = terms(page.themes.all())
    source = {
        "page_id": page.pk,
        "type": CASE if is_case else LESSON,
        "title": page.title,
        "summary": page.summary,
        "themes": themes,
        **municipality_fields(page.municipality),
        "visibility": MEMBERS if _members_only(page) else PUBLIC,
        "url": _url(page),
        "external_id": page.external_id,
        "first_published_at": _iso(page.first_published_at),
        "last_published_at": _iso(page.last_published_at),
    }
    labels = [term["label"] for term in themes]
    if is_case:
        source["sections"] = {
            name: getattr(page, attribute)
            for attribute, name in SECTION_FIELDS.items()
            if getattr(page, attribute)
        }
        for relation, name in CASE_TERM_FIELDS.items():
            source[name] = terms(getattr(page, relation).all())
            labels += [term["label"] for term in source[name]]
        if page.profile is not None:
            source["profiel"] = terms([page.profile])
            labels.append(page.profile.label)
        source["status"] = page.status
    else:
        source["body"] = page.body
    source["year"] = page_year(page)
    source["suggest"] = [page.title, *dict.fromkeys(labels)]
    source["digest"] = digest(source)
    return source


def digest(source: dict) -> str:
    canonical = json.dumps(source, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _url(page) -> str:
    # The canonical (Dutch) address; the English one differs only by its /en prefix.
    with translation.override(settings.LANGUAGE_CODE):
        return page.get_url() or ""


def page_year(page) -> int | None:
    """The year facet's value of a casusblad or les (YEAR_FIELDS)."""
    date = getattr(page, YEAR_FIELDS[CASE if isinstance(page, CasePage) else LESSON])
    return date.year if date else None


def to_document(page) -> dict:
    """The page as a document: ``_id``, ``_version`` (live revision id) and ``_source``."""
    return {"_id": str(page.pk), "_version": page.live_revision_id or 0, "_source": _source(page)}


def to_actions(pages: Iterable, index: str | None = None) -> Iterator[dict]:
    """Bulk ``index`` actions for elasticsearch.helpers.bulk (into ``index`` or the alias)."""
    return document_actions((to_document(page) for page in pages), index)


def delete_action(page_id: int | str, index: str | None = None) -> dict:
    """Remove a page's document (``page_id``) or another's (its ``document_id``)."""
    return {"_op_type": "delete", "_index": index or alias(), "_id": str(page_id)}


def source_documents(kind: str, ids: Iterable[int] | None = None) -> Iterator[dict]:
    """The current documents of a registered source (search.sources), digest added."""
    source = source_of(kind)
    if source is None:
        return
    found: Iterable[SourceDocument] = source.documents(None if ids is None else list(ids))
    for pk, version, fields in found:
        body = {**fields, "type": kind}
        body["digest"] = digest(body)
        yield {"_id": document_id(kind, pk), "_version": version, "_source": body}


def all_source_documents() -> Iterator[dict]:
    for source in registered():
        yield from source_documents(source.kind)


def document_actions(documents: Iterable[dict], index: str | None = None) -> Iterator[dict]:
    """Bulk ``index`` actions for documents already built (``to_document``'s shape)."""
    target = index or alias()
    for document in documents:
        yield {"_op_type": "index", "_index": target, "_version_type": VERSION_TYPE, **document}
