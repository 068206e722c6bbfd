"""HTML pages: main-content extraction with trafilatura (imported lazily: it is slow to import).

Clean text: trafilatura's text, one paragraph per line, joined by blank lines; the page title is
put first as heading1 when the extracted text does not start with it.

Junk convention (best effort): `Document.raw` is the HTML source. Every text run between tags
(outside script/style/noscript/template and comments) that does not appear in the clean text
becomes a JunkSpan whose start/end cover the run in the HTML source (entities undecoded) and
whose `at` is the clean-text offset reached by the kept runs before it. Its `why` comes from
app.core.clean.classify_line ("cookie banner", "newsletter", "reader comments", ...), is
inherited from the junk run just before it, or is "page furniture".
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from typing import Any

from app.core import thresholds as th
from app.core.clean import (
    Cleaned,
    classify_line,
    collapse_spaces,
    is_body,
)
from app.core.errors import InputError
from app.core.model import JunkSpan, Mark

NO_ARTICLE = "no article text found"
WHY_FURNITURE = "page furniture"
_SKIP_TAGS = ("script", "style", "noscript", "template")
_TAG_NAME = re.compile(r"<\s*([A-Za-z][A-Za-z0-9]*)")
_HTML_SIGNS = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]", re.I)
_LINK_OPEN = re.compile(r"<a[\s>]")
_ANY_TAG = re.compile(r"<[^>]*>")
# A kept run is searched for this far ahead of the last kept one; longer runs anywhere after it.
_NEAR = 300
_LONG_RUN = 40


def looks_like_html(text: str) -> bool:
    """Sniff HTML: a doctype, <html>, <head> or <body> tag near the start."""
    return _HTML_SIGNS.search(text[:4096]) is not None


def _text_runs(raw: str) -> Iterator[tuple[int, int]]:
    """Half-open offsets of text between tags, skipping comments and script-like elements.

    A single forward scan with str.find, so it is linear even for broken or deeply nested HTML.
    """
    lower = raw.lower()
    pos, size = 0, len(raw)
    while pos < size:
        lt = raw.find("<", pos)
        lt = size if lt < 0 else lt
        if lt > pos:
            yield pos, lt
        if lt >= size:
            return
        if raw.startswith("<!--", lt):
            end = raw.find("-->", lt)
            pos = size if end < 0 else end + 3
            continue
        gt = raw.find(">", lt)
        if gt < 0:
            return
        pos = gt + 1
        name = _TAG_NAME.match(raw, lt)
        if name and name.group(1).lower() in _SKIP_TAGS:
            close = lower.find("</" + name.group(1).lower(), pos)
            pos = size if close < 0 else close


def _html_junk(raw: str, text: str) -> list[JunkSpan]:
    """Text runs of the page that extraction did not keep (see the module docstring)."""
    junk: list[JunkSpan] = []
    cursor = 0
    last_why: str | None = None
    for start, end in _text_runs(raw):
        run = collapse_spaces(html_lib.unescape(raw[start:end])).strip()
        if len(run) < 2:
            continue
        found = text.find(run, cursor, cursor + len(run) + _NEAR)
        if found < 0 and len(run) >= _LONG_RUN:
            found = text.find(run, cursor)
        if found >= 0:
            cursor = found + len(run)
            last_why = None
            continue
        lead = len(raw[start:end]) - len(raw[start:end].lstrip())
        trail = len(raw[start:end]) - len(raw[start:end].rstrip())
        why = classify_line(run) or last_why or WHY_FURNITURE
        junk.append(JunkSpan(start + lead, end - trail, why, cursor))
        last_why = why
    return junk


def _link_texts(raw: str) -> set[str]:
    """The visible text of every <a> element, spaces collapsed.

    A forward scan (each <a> to the next </a), linear even for a page of unclosed links.
    """
    lower = raw.lower()
    texts: set[str] = set()
    pos = 0
    while found := _LINK_OPEN.search(lower, pos):
        start = lower.find(">", found.start()) + 1  # after the opening tag's attributes
        close = lower.find("</a", start)
        if start == 0 or close < 0:
            break
        inner = _ANY_TAG.sub(" ", raw[start:close])
        text = collapse_spaces(html_lib.unescape(inner)).strip()
        if text:
            texts.add(text)
        pos = close + 3
    return texts


def _only_links(raw: str, paragraphs: list[str]) -> bool:
    """True when the extracted paragraphs are (nearly) all menu links: not an article.

    With no article body trafilatura falls back to whatever text the page has, which on a
    navigation page is its list of links. A paragraph counts as a menu link when it is the
    whole text of a link and does not read as a sentence (a wholly linked sentence of a short
    article still counts as body).
    """
    links = _link_texts(raw)
    menu = sum(len(p) for p in paragraphs if p in links and not is_body(p))
    return menu >= th.NAV_MAX_LINK_SHARE * sum(len(p) for p in paragraphs)


def _paragraphs(extracted: str) -> list[str]:
    return [collapse_spaces(line).strip() for line in extracted.split("\n") if line.strip()]


def import_html(raw: str, path: str) -> tuple[Cleaned, dict[str, str]]:
    """Extract the article from an HTML page; returns the cleaned result and page metadata.

    Raises:
        InputError: NO_ARTICLE when extraction finds no main text (script-only pages, pages
            nested too deeply for the parser, pages whose only text is their links).
    """
    import trafilatura

    try:
        result: Any = trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # No guessing from copyright lines or URLs: a wrong date is worse than none.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, RecursionError, MemoryError):
        result = None
    paragraphs = _paragraphs(str(getattr(result, "text", "") or ""))
    # Boxes inside the article container (a newsletter sign-up) survive extraction; the same
    # rules as for text files set them aside, and _html_junk then finds them in the source.
    paragraphs = [p for p in paragraphs if classify_line(p) is None]
    if not paragraphs or _only_links(raw, paragraphs):
        raise InputError(path, NO_ARTICLE)
    title = collapse_spaces(str(getattr(result, "title", "") or "")).strip()
    marks: list[Mark] = []
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    if title:
        marks.append(Mark(0, len(title), "heading1"))
    text = "\n\n".join(paragraphs)
    meta = {
        "title": title,
        "outlet": str(getattr(result, "sitename", "") or ""),
        "date": str(getattr(result, "date", "") or ""),
        "url": str(getattr(result, "url", "") or ""),
    }
    return Cleaned(text, _html_junk(raw, text), marks, {}, title), meta
