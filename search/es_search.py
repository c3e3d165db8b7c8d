"""Runs the query builder's bodies on Elasticsearch and reads the answers back.

Every call gets the search budget (service.SEARCH_TIMEOUT) and no retries, so a
failing node turns into the database fallback quickly instead of a slow page.
"""

from __future__ import annotations

from cases.models import CasePage
from search import client, facets, queries, query_text, routing_queries, service
from search.documents import CASE_TERM_FIELDS, MEMBERS, PAGE_TYPES, QUESTION, SECTION_FIELDS, alias
from search.highlights import clean_fragment, plain_text
from search.service import DocumentMatch, Hit, SearchRequest, SearchResponse, Suggestion


def _client(timeout: float | None = None):
    budget = service.SEARCH_TIMEOUT if timeout is None else timeout
    return client.get_client().options(request_timeout=budget, max_retries=0)


def _highlights(raw: dict) -> dict[str, list[str]]:
    result = {}
    for name in queries.TEXT_FIELDS:
        fragments = raw.get(name)
        if fragments:
            is_html = name in queries.HTML_FIELDS
            result[name] = [clean_fragment(fragment, is_html=is_html) for fragment in fragments]
    return result


def _hit(raw: dict) -> Hit:
    source = raw["_source"]
    municipality = source.get("municipality") or {}
    page_id, question_id = source.get("page_id"), source.get("question_id")
    return Hit(
        page_id=None if page_id is None else int(page_id),
        question_id=None if question_id is None else int(question_id),
        external_id=source.get("external_id"),
        url=source.get("url", ""),
        type=source["type"],
        title=source["title"],
        summary=source.get("summary", ""),
        municipality_code=municipality.get("code", ""),
        municipality_name=municipality.get("name", ""),
        year=source.get("year"),
        highlights=_highlights(raw.get("highlight", {})),
        score=raw.get("_score"),
    )


def _did_you_mean(response: dict, text: str, members: bool) -> str | None:
    for entry in response.get("suggest", {}).get("did_you_mean", []):
        for option in entry.get("options", []):
            if option["text"] == query_text.fold(text):
                continue
            check = queries.suggestion_check(option["text"], members)
            if _client().count(index=alias(), query=check)["count"]:
                return option["text"]
    return None


def search(request: SearchRequest, *, timeout: float | None = None) -> SearchResponse:
    """``timeout``: the budget of a reader; measurements may wait longer."""
    parsed = query_text.parse(request.q)
    body = queries.search_body(
        parsed,
        filters=dict(request.filters),
        sort=request.sort,
        offset=request.offset,
        size=request.page_size,
        members=request.members,
        types=(*PAGE_TYPES, QUESTION) if request.questions else PAGE_TYPES,
        question_members=request.question_members,
        whole_text=request.whole_text,
    )
    response = _client(timeout).search(index=alias(), body=body)
    counts = {
        name: {
            str(bucket["key"]): bucket["doc_count"]
            for bucket in response["aggregations"][name]["values"]["buckets"]
        }
        for name in facets.FIELDS
    }
    return SearchResponse(
        total=response["hits"]["total"]["value"],
        hits=[_hit(raw) for raw in response["hits"]["hits"]],
        facets=facets.facet_values(counts, request.filters),
        did_you_mean=_did_you_mean(response, request.q, request.members),
        degraded=False,
    )


def suggest(prefix: str, *, members: bool, limit: int) -> list[Suggestion]:
    response = _client().search(
        index=alias(), body=queries.suggest_body(prefix, members=members, size=limit * 2)
    )
    wanted = query_text.words(prefix)

    def completes(text: str) -> bool:
        have = query_text.words(text)
        return all(any(word.startswith(part) for word in have) for part in wanted)

    terms: list[Suggestion] = []
    titles: list[Suggestion] = []
    for raw in response["hits"]["hits"]:
        source = raw["_source"]
        if completes(source["title"]):
            titles.append(Suggestion(source["title"], "page", source.get("url")))
        for label in source.get("suggest", [])[1:]:
            if completes(label) and all(label != seen.text for seen in terms):
                terms.append(Suggestion(label, "term"))
    return (terms[: max(limit // 2, 1)] + titles)[:limit]


def _like_text(page) -> str:
    parts = [page.title, page.summary]
    if isinstance(page, CasePage):
        parts += [plain_text(getattr(page, attribute)) for attribute in SECTION_FIELDS]
    else:
        parts.append(plain_text(page.body))
    return "\n".join(part for part in parts if part)[:20_000]


def related(page, *, members: bool, limit: int) -> list[Hit]:
    terms = {"themes": list(page.themes.values_list("slug", flat=True))}
    if isinstance(page, CasePage):
        for relation, field in CASE_TERM_FIELDS.items():
            terms[field] = list(getattr(page, relation).values_list("slug", flat=True))
    body = queries.related_body(page.pk, _like_text(page), terms, members=members, size=limit)
    response = _client().search(index=alias(), body=body)
    return [_hit(raw) for raw in response["hits"]["hits"]]


def match_documents(
    text: str,
    *,
    members: bool,
    municipalities: int,
    per_municipality: int,
    timeout: float | None = None,
) -> list[DocumentMatch]:
    parsed = query_text.parse(text)
    body = routing_queries.match_body(
        parsed, members=members, municipalities=municipalities, per_municipality=per_municipality
    )
    response = _client(timeout).search(index=alias(), body=body)
    matches = []
    for bucket in response["aggregations"]["sample"]["municipalities"]["buckets"]:
        for raw in bucket["pages"]["hits"]["hits"]:
            source = raw["_source"]
            matches.append(
                DocumentMatch(
                    page_id=int(source["page_id"]),
                    type=source["type"],
                    title=source["title"],
                    url=source.get("url", ""),
                    municipality_code=source["municipality"]["code"],
                    score=float(raw["_score"] or 0.0),
                    themes=tuple(theme["slug"] for theme in source.get("themes", [])),
                    members_only=source.get("visibility") == MEMBERS,
                )
            )
    return sorted(matches, key=lambda match: (-match.score, match.page_id))
