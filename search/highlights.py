"""Highlights as the interface promises them: escaped text with ``<mark>`` only.

Elasticsearch's html encoder escapes the source, but sections and les bodies are
stored as HTML, so its fragments carry escaped (and cut-off) tags. Each fragment is
therefore taken apart at the marks, the markup dropped, and the text escaped again:
whatever a title or section holds, only our own ``<mark>`` is ever markup.
"""

from __future__ import annotations

import html
import re

from django.utils.html import escape

from search.query_text import fold

MARK, END = "<mark>", "</mark>"
_TAG = re.compile(r"<[^<>]*>")
_SPLIT = re.compile(r"(<mark>|</mark>)")


def plain_text(markup: str) -> str:
    """The text of stored HTML, with a space where a tag separated words."""
    return " ".join(html.unescape(_TAG.sub(" ", markup or "")).split())


def _text_of(piece: str, *, is_html: bool) -> str:
    source = html.unescape(piece)  # undo Elasticsearch's encoder: the stored source
    if not is_html:
        return source
    source = _TAG.sub(" ", source)
    source = re.sub(r"^[^<]*?>", "", source) if ">" in source.split("<", 1)[0] else source
    source = re.sub(r"<[^>]*$", "", source)
    return html.unescape(source)  # the entities of the stored HTML, now plain text


def clean_fragment(fragment: str, *, is_html: bool) -> str:
    out, inside = [], False
    for piece in _SPLIT.split(fragment):
        if piece == MARK:
            inside = True
        elif piece == END:
            inside = False
        elif piece:
            text = escape(_text_of(piece, is_html=is_html))
            out.append(f"{MARK}{text}{END}" if inside else text)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def mark_words(text: str, stems: list[str], *, size: int = 160) -> str | None:
    """A fragment of plain ``text`` around the first match, words starting with a stem marked.

    The database fallback's highlighter: the same escaping and the same ``<mark>``.
    """
    if not stems or not text:
        return None
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths: match on the text itself
        folded = text.lower()
    pattern = re.compile(r"\w*(?:" + "|".join(re.escape(stem) for stem in stems) + r")\w*")
    first = pattern.search(folded)
    if first is None:
        return None
    start = max(0, first.start() - size // 3)
    end = min(len(text), start + size)
    out, position = [], start
    for match in pattern.finditer(folded, start, end):
        out.append(escape(text[position : match.start()]))
        out.append(f"{MARK}{escape(text[match.start() : match.end()])}{END}")
        position = match.end()
    out.append(escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(out).strip() + suffix
