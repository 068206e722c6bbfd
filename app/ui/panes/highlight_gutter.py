"""A bar in the left margin of a pane beside every user highlight, in the highlight's colour.

Family tints and highlight kinds share hues (pastel green tints, green "evidence"), so fill
colour alone does not say "this is mine". The bar does, as change bars do in an editor; it
sits in the text's left margin, so it covers no text. It is a child of the text view, not of
its viewport: a viewport's children are moved along whenever the view scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.ui.panes.document_pane import DocumentPane
from app.ui.panes.highlight_style import CONTRADICTION_RED

GUTTER_WIDTH = 5  # px; the pane's text starts 14 px in (document margin)


class HighlightGutter(QWidget):
    """Draws one bar per (start, end, colour, style) mark over `pane`'s viewport edge."""

    def __init__(self, pane: DocumentPane) -> None:
        viewport = pane.view.viewport()
        super().__init__(pane.view)
        self.pane = pane
        self.marks: list[tuple[int, int, str, str]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._place()
        viewport.installEventFilter(self)
        pane.scroll_bar().valueChanged.connect(self.update)
        self.show()

    def set_marks(self, marks: list[tuple[int, int, str, str]]) -> None:
        self.marks = list(marks)
        self.update()

    def _place(self) -> None:
        area = self.pane.view.viewport().geometry()
        self.setGeometry(area.x() + 1, area.y(), GUTTER_WIDTH, area.height())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.marks:
            return
        painter = QPainter(self)
        h = self.height()
        for start, end, colour, style in self.marks:
            top, bottom = self.pane.span_y_range(start, end)
            if bottom < 0 or top > h:
                continue
            fill = QColor(CONTRADICTION_RED if style == "contradiction" else colour)
            if style == "highlight":
                fill = fill.darker(130)
            painter.fillRect(QRectF(0, top, GUTTER_WIDTH, bottom - top), fill)
        painter.end()
