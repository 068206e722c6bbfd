"""Printed notes for annotated articles: numbered margin markers and a "Highlights and notes" page.

PDF comments (`/Contents`) are invisible on paper and in many simple viewers, so a fact-checker
who prints the article would lose them. Each highlight therefore gets a number in the right
margin beside its first line, and the notes are listed, numbered, after the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.export import fonts
from app.core.export.markup import clip
from app.core.export.typeset import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Cursor,
    Decoration,
    GlyphWidths,
    Layout,
    wrap_plain,
)
from app.core.thresholds import EXPORT_MARGIN, EXPORT_META_SIZE

_SIZE = 9.0
_LEADING = 12.5


@dataclass(frozen=True)
class NoteEntry:
    """One numbered highlight as printed: where its first line is, and what to list."""

    number: int
    kind: str
    colour: str
    quote: str
    note: str
    page: int  # 0-based page of its first line
    baseline: float  # baseline of its first line


def add_margin_markers(layout: Layout, entries: Sequence[NoteEntry]) -> None:
    """Put "[n]" in the right margin beside each highlight's first line (several join up)."""
    by_line: dict[tuple[int, float], list[int]] = {}
    for entry in entries:
        by_line.setdefault((entry.page, entry.baseline), []).append(entry.number)
    x = PAGE_WIDTH - EXPORT_MARGIN + 6
    for (page, baseline), numbers in by_line.items():
        label = "".join(f"[{n}]" for n in sorted(numbers))
        layout.decorations.append(
            Decoration(page, x, baseline, fonts.BOLD, EXPORT_META_SIZE - 1, label, True)
        )


def _add(layout: Layout, cur: Cursor, deco: Decoration, leading: float) -> None:
    cur.need(leading)
    cur.y -= leading
    layout.decorations.append(
        Decoration(cur.page, deco.x, cur.y, deco.font, deco.size, deco.text, deco.grey, deco.fill)
    )


def _paragraph(
    layout: Layout, cur: Cursor, w: GlyphWidths, text: str, font: str, grey: bool = False
) -> None:
    width = PAGE_WIDTH - 2 * EXPORT_MARGIN - 14
    for part in wrap_plain(text, font, _SIZE, width, w):
        _add(layout, cur, Decoration(0, EXPORT_MARGIN + 14, 0, font, _SIZE, part, grey), _LEADING)


def append_notes_pages(layout: Layout, entries: Sequence[NoteEntry]) -> None:
    """Append pages listing every entry: "[n] kind" in its colour, page, quote and note."""
    if not entries:
        return
    w, cur = GlyphWidths(), Cursor()
    cur.page, cur.y = layout.pages, PAGE_HEIGHT - EXPORT_MARGIN
    _add(layout, cur, Decoration(0, EXPORT_MARGIN, 0, fonts.BOLD, 13, "Highlights and notes"), 18)
    intro = (
        "Numbers match the markers in the right margin. The same notes are attached to the "
        "highlights as PDF comments."
    )
    for part in wrap_plain(
        intro, fonts.REGULAR, EXPORT_META_SIZE, PAGE_WIDTH - 2 * EXPORT_MARGIN, w
    ):
        _add(
            layout,
            cur,
            Decoration(0, EXPORT_MARGIN, 0, fonts.REGULAR, EXPORT_META_SIZE, part, True),
            12,
        )
    for entry in entries:
        cur.need(_LEADING * 3)
        cur.y -= 6
        label = f"[{entry.number}] {entry.kind or 'highlight'}"
        _add(
            layout,
            cur,
            Decoration(0, EXPORT_MARGIN, 0, fonts.BOLD, _SIZE, label, False, entry.colour),
            _LEADING,
        )
        layout.decorations.append(
            Decoration(cur.page, EXPORT_MARGIN + 130, cur.y, fonts.REGULAR, _SIZE,
                       f"page {entry.page + 1}", True)
        )  # fmt: skip
        _paragraph(layout, cur, w, f"“{clip(entry.quote)}”", fonts.ITALIC)
        for line in entry.note.split("\n"):
            if line.strip():
                _paragraph(layout, cur, w, line.strip(), fonts.REGULAR)
    layout.pages = cur.page + 1
