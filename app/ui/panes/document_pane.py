"""One article in a column: a header (outlet, title, date) over its formatted clean text.

The pane speaks in clean-text offsets (core convention); its TextMap converts to display
positions. It knows nothing of families or scrolling policy: the main window and ScrollSync
drive it through the small public API below.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollBar,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Document, Span
from app.ui.panes.highlight_style import Extra, highlight_selection, normalise
from app.ui.panes.rendering import junk_insertions, render
from app.ui.panes.text_map import TextMap

Tint = tuple[int, int, str]  # clean start, clean end, colour
HEADER_TITLE_LINES = 3
TITLE_MAX_CHARS = 110  # about three lines of a narrow pane; the full title is in the tooltip


class _TextView(QTextBrowser):
    """A read-only text view that reports plain clicks (not drags) as a display position."""

    clicked_at = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._press: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if self._press is not None and (pos - self._press).manhattanLength() < 4:
            self.clicked_at.emit(self.cursorForPosition(pos).position())
        self._press = None


class DocumentPane(QFrame):
    """Shows one Document; emits `passage_clicked(doc_id, clean_offset)` on a plain click."""

    passage_clicked = Signal(str, int)

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentPane")
        self.doc = doc
        self._tints: list[Tint] = []
        self._show_junk = False
        self._selected: list[tuple[int, int, str]] = []
        self._extra: list[tuple[int, int, str, str]] = []
        self.text_map = TextMap(doc.text, [])
        self._build()
        self._connect_signals()
        self._rerender()

    def _build(self) -> None:
        self.header = QLabel(self)
        self.header.setObjectName("PaneHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        # No outlet known (a plain file without "Source:"): its file name tells the panes apart.
        outlet = self.doc.outlet or self.doc.source_path.rsplit("/", 1)[-1] or "Unknown outlet"
        date = f" · {self.doc.date}" if self.doc.date else ""
        self.header.setText(
            f"<div class='outlet'><b>{_esc(outlet)}</b>{_esc(date)}</div>"
            f"<div>{_esc(_shorten(self.doc.title or self.doc.source_path))}</div>"
        )
        self.header.setToolTip(f"{self.doc.title}\n{self.doc.source_path}")
        # Equal header heights keep the first lines of all panes level; long titles are cut.
        lines = 1 + HEADER_TITLE_LINES
        self.header.setFixedHeight(self.header.fontMetrics().lineSpacing() * lines + 22)
        self.view = _TextView(self)
        self.view.setOpenLinks(False)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.document().setDocumentMargin(14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)

    def _connect_signals(self) -> None:
        self.view.clicked_at.connect(self._on_view_clicked_at)

    # --- content -------------------------------------------------------------------------
    def set_tints(self, tints: list[Tint]) -> None:
        """Tint family passages: (clean start, clean end, colour)."""
        self._tints = list(tints)
        self._rerender()

    def set_show_junk(self, show: bool) -> None:
        """Reveal junk dimmed where it stood, or hide it; keeps the reading position."""
        if show == self._show_junk:
            return
        top = self.offset_at_top()
        self._show_junk = show
        self._rerender()
        self.scroll_to_offset(top)

    @property
    def shows_junk(self) -> bool:
        return self._show_junk

    def _rerender(self) -> None:
        insertions = junk_insertions(self.doc) if self._show_junk else []
        self.text_map = TextMap(self.doc.text, insertions)
        value = self.scroll_bar().value()
        render(self.view.document(), self.doc, self.text_map, self._tints)
        # Refilling the document leaves the view's caret at the end, which would drag the
        # view there; park it at the start and keep the scroll position.
        cursor = self.view.textCursor()
        cursor.setPosition(0)
        self.view.setTextCursor(cursor)
        self.scroll_bar().setValue(value)
        self._refresh_extra_selections()

    # --- selection and highlights (hooks for the annotation panels) ---------------------
    def set_selected_spans(self, spans: list[tuple[int, int]], colour: str = "#ced4da") -> None:
        """Mark the selected family's spans (clean offsets; `colour`: its tint); [] clears."""
        self._selected = [(s, e, colour) for s, e in spans]
        self._refresh_extra_selections()

    def selected_spans(self) -> list[tuple[int, int]]:
        """The spans currently marked as the selected family, in clean offsets."""
        return [(s, e) for s, e, _ in self._selected]

    def set_extra_highlights(self, spans_with_colours: list[Extra]) -> None:
        """Overlay user highlights: (clean start, end, colour[, style]).

        `style` is "highlight" (default: see-through fill and an underline in the colour, so
        the family tint stays readable), "contradiction" (plus a red wavy underline) or
        "pending" (a dashed outline-like underline: chosen but not yet linked).
        """
        self._extra = [normalise(e) for e in spans_with_colours]
        self._refresh_extra_selections()

    def selected_span(self) -> Span | None:
        """The user's text selection as a Span of clean text, or None when nothing is selected."""
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.text_map.to_clean(cursor.selectionStart())
        end = self.text_map.to_clean(cursor.selectionEnd())
        return Span(self.doc.id, start, end) if end > start else None

    def _refresh_extra_selections(self) -> None:
        sels: list[QTextEdit.ExtraSelection] = []
        # The user's highlights are drawn last: they stay visible inside the selected family.
        for start, end, colour in self._selected:
            sels.append(self._extra_selection(start, end, colour, underline=True))
        for start, end, colour, style in self._extra:
            sels.append(highlight_selection(self._cursor(start, end), colour, style))
        self.view.setExtraSelections(sels)

    def _extra_selection(
        self, start: int, end: int, colour: str, *, underline: bool
    ) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = self._cursor(start, end)
        fmt = QTextCharFormat()
        if underline:
            # The selected family: a strong underline and a slightly darker ground, so the
            # family tint underneath still tells which family it is.
            fmt.setBackground(_stronger(QColor(colour)))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor("#212529"))
            fmt.setFontUnderline(True)
        else:
            fmt.setBackground(QColor(colour))
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.text_map.to_display(start))
        cursor.setPosition(self.text_map.to_display_end(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # --- geometry: clean offsets <-> pixels -----------------------------------------------
    def scroll_bar(self) -> QScrollBar:
        return self.view.verticalScrollBar()

    def span_y_range(self, start: int, end: int) -> tuple[int, int]:
        """Top and bottom (viewport pixels) of the clean range [start, end)."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.text_map.to_display(start))
        top = self.view.cursorRect(cursor).top()
        cursor.setPosition(max(self.text_map.to_display_end(end) - 1, 0))
        return top, self.view.cursorRect(cursor).bottom()

    def offset_at_top(self) -> float:
        """The (fractional) clean offset standing at the top edge of the viewport."""
        return self._offset_at_y(float(self.scroll_bar().value()))

    def _offset_at_y(self, y: float) -> float:
        qdoc = self.view.document()
        layout = qdoc.documentLayout()
        hit = layout.hitTest(QPointF(qdoc.documentMargin() + 1, y), Qt.HitTestAccuracy.FuzzyHit)
        block = qdoc.findBlock(max(hit, 0))
        if not block.isValid():
            return 0.0
        # A fuzzy hit on a boundary can land on the block above: step to the one holding y.
        while layout.blockBoundingRect(block).bottom() <= y and block.next().isValid():
            block = block.next()
        rect = layout.blockBoundingRect(block)
        text_layout = block.layout()
        pos = float(block.position())
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            top = rect.top() + line.y()
            if y < top + line.height() or i == text_layout.lineCount() - 1:
                frac = min(max((y - top) / max(line.height(), 1.0), 0.0), 1.0)
                pos = block.position() + line.textStart() + frac * line.textLength()
                break
        whole = int(pos)
        return self.text_map.to_clean(whole) + (pos - whole)

    def y_of_offset(self, offset: float) -> float:
        """Document y (pixels from the top of the content) where a clean offset stands."""
        whole = int(offset)
        pos = self.text_map.to_display(whole) + (offset - whole)
        qdoc = self.view.document()
        block = qdoc.findBlock(int(pos))
        if not block.isValid():
            block = qdoc.lastBlock()
        rect = qdoc.documentLayout().blockBoundingRect(block)
        text_layout = block.layout()
        rel = pos - block.position()
        line = text_layout.lineForTextPosition(int(rel))
        if not line.isValid():
            return rect.top()
        frac = (rel - line.textStart()) / max(line.textLength(), 1)
        return rect.top() + line.y() + min(frac, 1.0) * line.height()

    def scroll_to_offset(self, offset: float) -> None:
        """Scroll so the clean offset stands at the top edge."""
        self.scroll_bar().setValue(round(self.y_of_offset(offset)))

    def select(self, start: int, end: int) -> None:
        """Make the clean range [start, end) the text selection (ready to highlight or link)."""
        self.view.setTextCursor(self._cursor(start, end))

    def center_on(self, start: int, end: int) -> None:
        """Scroll so the clean range [start, end) is vertically centred (top-aligned if tall)."""
        top = self.y_of_offset(start)
        bottom = self.y_of_offset(end)
        height = self.view.viewport().height()
        target = (top + bottom) / 2 - height / 2 if bottom - top < height else top - 12
        self.scroll_bar().setValue(round(target))

    def _on_view_clicked_at(self, pos: int) -> None:
        self.passage_clicked.emit(self.doc.id, self.text_map.to_clean(pos))


def _stronger(colour: QColor) -> QColor:
    """The same hue, more saturated: marks the selected family without hiding which it is."""
    return QColor.fromHsv(
        colour.hsvHue(), min(255, colour.hsvSaturation() + 100), max(0, colour.value() - 10)
    )


def _shorten(title: str) -> str:
    if len(title) <= TITLE_MAX_CHARS:
        return title
    return title[: TITLE_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
