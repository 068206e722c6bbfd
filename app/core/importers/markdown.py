"""Markdown articles via markdown-it-py: one unit per block, markup removed, structure kept.

Headings, emphasis, strong text, links (value = href), block quotes and list items become
`Mark`s; the clean text holds only the words ("[cited](#)" -> "cited", "**x**" -> "x",
"<https://a.b>" -> "https://a.b"). Images and raw HTML inside a block are dropped. A unit's raw
offsets cover the source lines of its block (markup included), whitespace trimmed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from app.core import thresholds as th
from app.core.clean import Cleaned, Unit, collapse_spaces
from app.core.importers.assemble import clean_units
from app.core.model import Mark

_SIGNALS = re.compile(
    r"^#{1,6} \S|\[[^\]\n]{1,200}\]\([^)\s]{0,500}\)|<https?://[^>\s]{1,500}>|\*\*[^*\n]{1,200}\*\*",
    re.M,
)
_INLINE_MARKS = {"strong": "strong", "em": "emphasis", "link": "link"}


def looks_like_markdown(text: str) -> bool:
    """Sniff Markdown in a .txt file: at least MARKDOWN_MIN_SIGNALS headings, links or bold runs."""
    for count, _ in enumerate(_SIGNALS.finditer(text[: th.SNIFF_BYTES]), start=1):
        if count >= th.MARKDOWN_MIN_SIGNALS:
            return True
    return False


@dataclass
class _Builder:
    """Appends inline text with spaces collapsed, tracking where marks start and end."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    marks: list[Mark] = field(default_factory=list)
    open: list[tuple[str, int, str]] = field(default_factory=list)

    def add(self, text: str) -> None:
        text = collapse_spaces(text)
        if not self.parts or self.parts[-1][-1:] in (" ", "\n"):
            text = text.lstrip(" ")
        if text:
            self.parts.append(text)
            self.length += len(text)

    def hard_break(self) -> None:
        if self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.length -= 1
        if self.parts:
            self.parts.append("\n")
            self.length += 1

    def finish(self) -> tuple[str, list[Mark]]:
        text = "".join(self.parts).rstrip()
        size = len(text)
        marks = [
            Mark(m.start, min(m.end, size), m.kind, m.value)
            for m in self.marks
            if m.start < min(m.end, size)
        ]
        return text, marks


def _render_inline(children: list[Any]) -> tuple[str, list[Mark]]:
    """Plain text and marks of one inline token's children."""
    out = _Builder()
    for child in children:
        kind: str = child.type
        if kind in ("text", "code_inline"):
            out.add(child.content)
        elif kind == "softbreak":
            out.add(" ")
        elif kind == "hardbreak":
            out.hard_break()
        elif kind.endswith("_open") and kind[:-5] in _INLINE_MARKS:
            href = str(child.attrs.get("href", "")) if kind == "link_open" else ""
            out.open.append((_INLINE_MARKS[kind[:-5]], out.length, href))
        elif kind.endswith("_close") and kind[:-6] in _INLINE_MARKS and out.open:
            mark_kind, start, href = out.open.pop()
            out.marks.append(Mark(start, out.length, mark_kind, href))
    return out.finish()


def _line_starts(raw: str) -> list[int]:
    starts = [0]
    pos = raw.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = raw.find("\n", pos + 1)
    starts.append(len(raw) + 1)
    return starts


def _raw_span(raw: str, starts: list[int], line_map: list[int]) -> tuple[int, int]:
    """Half-open raw offsets of a block's source lines, surrounding whitespace trimmed."""
    first, last = line_map
    start = starts[min(first, len(starts) - 1)]
    end = min(starts[min(last, len(starts) - 1)] - 1, len(raw))
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


@functools.cache
def _parser() -> Any:
    """One CommonMark parser, built on first use (building it costs more than parsing a page)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def units_from_markdown(raw: str) -> list[Unit]:
    """One unit per heading, paragraph or code block, with its kind (heading/list_item/quote)."""
    tokens = _parser().parse(raw)
    starts = _line_starts(raw)
    units: list[Unit] = []
    level, lists, quotes = 0, 0, 0
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1:])
        elif kind == "heading_close":
            level = 0
        elif kind in ("bullet_list_open", "ordered_list_open", "list_item_open"):
            lists += kind == "list_item_open"
        elif kind == "list_item_close":
            lists -= 1
        elif kind in ("blockquote_open", "blockquote_close"):
            quotes += 1 if kind == "blockquote_open" else -1
        elif kind in ("inline", "fence", "code_block") and token.map:
            if kind == "inline":
                text, marks = _render_inline(token.children or [])
            else:
                text, marks = token.content.strip("\n"), []
            if not text.strip():
                continue
            start, end = _raw_span(raw, starts, token.map)
            block_kind = (
                "heading" if level else "list_item" if lists else "quote" if quotes else "para"
            )
            units.append(Unit(start, end, text, len(units), "\n", block_kind, level, 0, marks))
    return units


def import_markdown(raw: str) -> Cleaned:
    """Clean a Markdown article. Junk offsets index `raw` (the Markdown source)."""
    return clean_units(units_from_markdown(raw), markdown=True)
