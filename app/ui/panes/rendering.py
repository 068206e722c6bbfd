"""Fill a QTextDocument from a core Document: structure marks, family tints, junk dimmed."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument

from app.core.model import Document
from app.core.thresholds import JUNK_COLOUR
from app.ui.panes.text_map import TextMap

HEADING_SCALE = {1: 1.45, 2: 1.3, 3: 1.18, 4: 1.1, 5: 1.05, 6: 1.0}


def junk_insertions(doc: Document) -> list[tuple[int, str]]:
    """The junk texts to show in place, whitespace collapsed, each on its own line."""
    out: list[tuple[int, str]] = []
    for junk in doc.junk:
        text = " ".join(doc.raw[junk.start : junk.end].split())
        if not text:
            continue
        at = min(max(junk.at, 0), len(doc.text))
        # A junk block that stood between paragraphs reads best as its own paragraph.
        out.append((at, f"[{junk.why}] {text}\n"))
    return out


def _apply(doc: QTextDocument, start: int, end: int, fmt: QTextCharFormat) -> None:
    if end <= start:
        return
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)


def _mark_format(kind: str, value: str, base_size: float) -> QTextCharFormat | None:
    fmt = QTextCharFormat()
    if kind.startswith("heading"):
        level = int(kind[-1]) if kind[-1].isdigit() else 2
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontPointSize(base_size * HEADING_SCALE.get(level, 1.0))
    elif kind == "emphasis" or kind == "quote":
        fmt.setFontItalic(True)
    elif kind == "strong":
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind == "link":
        fmt.setAnchor(True)
        fmt.setAnchorHref(value)
        fmt.setForeground(QColor("#1c5fb0"))
        fmt.setFontUnderline(True)
    else:
        return None
    return fmt


def render(
    qdoc: QTextDocument,
    doc: Document,
    text_map: TextMap,
    tints: list[tuple[int, int, str]],
) -> None:
    """Set `qdoc` to the display text of `doc` and format it.

    Args:
        qdoc: the pane's document (cleared first).
        doc: the core document; its marks are applied.
        text_map: the map built for this rendering (junk shown or not).
        tints: (clean start, clean end, colour) family tints.
    """
    # A read-only pane needs no undo history of its formatting, and one edit block lays the
    # document out once at its end instead of after every format change: on an article that
    # is one long line (no paragraph breaks) each change re-laid the whole line, so opening a
    # 300 KB one-line file took about a minute.
    qdoc.setUndoRedoEnabled(False)
    qdoc.setPlainText(text_map.display)
    block = QTextCursor(qdoc)
    block.beginEditBlock()
    try:
        _format(qdoc, doc, text_map, tints)
    finally:
        block.endEditBlock()


def _format(
    qdoc: QTextDocument, doc: Document, text_map: TextMap, tints: list[tuple[int, int, str]]
) -> None:
    """Structure marks, family tints and junk styling, in that order (later ones win)."""
    base = qdoc.defaultFont().pointSizeF()
    for mark in doc.marks:
        fmt = _mark_format(mark.kind, mark.value, base)
        if fmt is not None:
            _apply(qdoc, text_map.to_display(mark.start), text_map.to_display_end(mark.end), fmt)
    for start, end, colour in tints:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(colour))
        _apply(qdoc, text_map.to_display(start), text_map.to_display_end(end), fmt)
    junk_fmt = QTextCharFormat()
    junk_fmt.setForeground(QColor(JUNK_COLOUR))
    junk_fmt.setFontItalic(True)
    junk_fmt.setFontPointSize(base * 0.9)
    for start, end in text_map.inserted_ranges():
        _apply(qdoc, start, end, junk_fmt)
