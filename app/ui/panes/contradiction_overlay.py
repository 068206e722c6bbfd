"""Red dashed connectors for contradictions, drawn over the strip between two adjacent panes.

A transparent child of a ConnectorBand (so the family links stay beneath it): for each
contradiction with one end in the left pane and the other in the right, a dashed red line
joins the middles of the two passages, with a dot at each end. Redrawn as either pane scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from app.ui.panes.connector_band import ConnectorBand
from app.ui.panes.document_pane import DocumentPane
from app.ui.panes.highlight_style import CONTRADICTION_RED

Range = tuple[int, int]
DOT_RADIUS = 3.5
STUB = 14.0  # px a stub runs toward an end that is scrolled out of view


class ContradictionOverlay(QWidget):
    """Draws `links` ((left range, right range) in clean offsets) over `band`."""

    def __init__(self, band: ConnectorBand) -> None:
        super().__init__(band)
        self.band = band
        self.links: list[tuple[Range, Range]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setGeometry(band.rect())
        band.installEventFilter(self)
        for pane in (band.left, band.right):
            pane.scroll_bar().valueChanged.connect(self.update)
        self.show()

    def set_links(self, links: list[tuple[Range, Range]]) -> None:
        self.links = list(links)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.band and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.band.rect())
        return False

    def _y(self, pane: DocumentPane, span: Range) -> float:
        top, bottom = pane.span_y_range(*span)
        viewport = pane.view.viewport()
        middle = viewport.mapToGlobal(QPoint(0, (top + bottom) // 2))
        return float(self.mapFromGlobal(middle).y())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.links:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(CONTRADICTION_RED), 2.0, Qt.PenStyle.DashLine)
        w, h = float(self.width()), float(self.height())
        for left, right in self.links:
            y0, y1 = self._y(self.band.left, left), self._y(self.band.right, right)
            seen0, seen1 = 0 <= y0 <= h, 0 <= y1 <= h
            painter.setPen(pen)
            if seen0 and seen1:
                painter.drawLine(QPointF(0, y0), QPointF(w, y1))
            elif seen0 or seen1:
                # The other end is scrolled away: a short stub pointing its way, not a near-
                # vertical line across the whole strip that reads as a divider.
                x, y, other = (0.0, y0, y1) if seen0 else (w, y1, y0)
                step = STUB if other > y else -STUB
                painter.drawLine(QPointF(x, y), QPointF(w / 2, y + step))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(CONTRADICTION_RED))
            if seen0:
                painter.drawEllipse(QPointF(DOT_RADIUS, y0), DOT_RADIUS, DOT_RADIUS)
            if seen1:
                painter.drawEllipse(QPointF(w - DOT_RADIUS, y1), DOT_RADIUS, DOT_RADIUS)
        painter.end()
