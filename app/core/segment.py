"""Split a document's clean text into paragraphs and sentences with exact character offsets.

Conventions: every Passage's `start`/`end` are half-open character offsets into `Document.text`,
stripped of surrounding whitespace; passages come in text order with `index` 0..n-1.

Sentence rules, chosen by reading news copy (the seed corpus):
- a sentence ends at `.`, `!`, `?` or `…` (runs allowed), plus any closing quotes or brackets,
  when whitespace and then a plausible sentence start (capital, digit, opening quote) follow;
- a period after a known abbreviation ("U.S.", "Gen.", "Sept.", "Mr."), a single-capital initial
  ("M. Narikbayev") or a list number at the start of a line ("1. Item") does not end a sentence;
- a line that does not end in punctuation (a heading, a byline, a list line) is its own
  sentence, and so is every line of a list.
"""

from __future__ import annotations

import re

from app.core.model import Document, Passage

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE = re.compile(r"[^\n]+")
# Terminal punctuation run, then closing quotes/brackets, then the whitespace before the next one.
_BOUNDARY = re.compile(r"(?:[.!?]+|…+|\.\.\.)[\"”’'»)\]]*(?=\s)")
# What may open a new sentence: a capital, a digit, an opening quote or bracket, a dash.
_SENTENCE_START = re.compile(r"\s+[\"“‘'«(\[*_—–-]*[A-Z0-9À-ÖØ-ÞА-ЯЁ]")
_LIST_MARKER = re.compile(r"\s*(?:[-*•–—]|\d{1,3}[.)])\s")
# A line ending in one of these may continue on the next line; anything else closes the line.
_LINE_CONTINUES = frozenset(".,;:!?…-–—")
_CLOSERS = "\"”’')]»"

# Lower-cased, without their final period. Titles, months, and common news abbreviations.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "rep",
        "sen",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "rev",
        "hon",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vs",
        "etc",
        "al",
        "fig",
        "approx",
        "dept",
        "est",
        "inc",
        "ltd",
        "co",
        "corp",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "d.c",
    ]
)


def paragraphs(doc: Document) -> list[Passage]:
    """Split `doc.text` on blank lines.

    Args:
        doc: the document; only `doc.text` and `doc.id` are read.
    Returns:
        Passages of kind "paragraph", stripped of surrounding whitespace, in order, empty
        stretches skipped. Offsets index `doc.text`, half-open.
    """
    spans = _split_spans(doc.text, 0, len(doc.text), _PARAGRAPH_BREAK)
    return [Passage(doc.id, s, e, "paragraph", i) for i, (s, e) in enumerate(spans)]


def sentences(doc: Document) -> list[Passage]:
    """Split `doc.text` into sentences (see the module docstring for the rules).

    Args:
        doc: the document; only `doc.text` and `doc.id` are read.
    Returns:
        Passages of kind "sentence", stripped of surrounding whitespace, non-empty, in text
        order, `index` 0..n-1. Offsets index `doc.text`, half-open.
    """
    text = doc.text
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _split_spans(text, 0, len(text), _PARAGRAPH_BREAK):
        for b_start, b_end in _line_blocks(text, p_start, p_end):
            spans.extend(_sentences_in_block(text, b_start, b_end))
    return [Passage(doc.id, s, e, "sentence", i) for i, (s, e) in enumerate(spans)]


def _split_spans(text: str, start: int, end: int, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of text[start:end] between separator matches, stripped, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in sep.finditer(text, start, end):
        spans.extend(_strip(text, pos, m.start()))
        pos = m.end()
    spans.extend(_strip(text, pos, end))
    return spans


def _strip(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span with surrounding whitespace removed, as a 0- or 1-element list."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def _line_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Group a paragraph's lines into blocks that may hold running prose.

    A line closes its block when it does not end in punctuation (a heading, a byline) or when
    it or the next line is a list line; otherwise the next line continues it (hard-wrapped prose).
    """
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text, start, end)]
    lines = [s for ln in lines for s in _strip(text, ln[0], ln[1])]
    blocks: list[tuple[int, int]] = []
    block_start: int | None = None
    for i, (s, e) in enumerate(lines):
        if block_start is None:
            block_start = s
        is_list = _LIST_MARKER.match(text, s) is not None
        next_is_list = i + 1 < len(lines) and _LIST_MARKER.match(text, lines[i + 1][0]) is not None
        last = text[s:e].rstrip(_CLOSERS)[-1:]  # a closing quote alone does not end prose
        if is_list or next_is_list or last not in _LINE_CONTINUES or i == len(lines) - 1:
            blocks.append((block_start, e))
            block_start = None
    return blocks


def _sentences_in_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one block of running text."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_sentence_end(text, start, m.start(), m.end(), end):
            spans.extend(_strip(text, pos, m.end()))
            pos = m.end()
    spans.extend(_strip(text, pos, end))
    return spans


def _is_sentence_end(text: str, block_start: int, p_start: int, p_end: int, end: int) -> bool:
    """Whether the punctuation run text[p_start:p_end] closes a sentence."""
    if _SENTENCE_START.match(text, p_end, end) is None:
        return False  # lower-case or punctuation follows: "e.g. the", "… and then", "U.S. forces"
    if text[p_start] != ".":
        return True  # "!", "?", "…": always final before a capital
    if text[p_start:p_end].startswith(".."):
        return True  # an ellipsis written as dots, before a capital
    word = _word_before(text, block_start, p_start)
    if not word:
        return True  # '”.' closes a quoted sentence
    if word.lower() in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "M. Narikbayev"
    # The "1." of a list line is a marker, not an end.
    is_list_number = word.isdecimal() and p_start < block_start + 5
    return not (is_list_number and _LIST_MARKER.match(text, block_start))


def _word_before(text: str, floor: int, pos: int) -> str:
    """The run of letters, digits and inner periods ending at `pos` (e.g. "U.S", "Sept")."""
    i = pos
    while i > floor and (text[i - 1].isalnum() or (text[i - 1] == "." and i - 1 > floor)):
        i -= 1
    return text[i:pos].strip(".")
