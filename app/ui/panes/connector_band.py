"""The strip between two panes where each shared family is drawn as a curved, filled link.

Like Meld's chunk links: a filled shape from the passage's vertical extent in the left pane to
its match's extent in the right pane, in the family colour, redrawn as either pane scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.thresholds import BAND_ALPHA
from app.ui.panes.document_pane import DocumentPane

BAND_WIDTH = 40
BAND_OVERSHOOT = 60.0  # px beyond the strip's edges that a clamped link end may reach


@dataclass(frozen=True)
class Link:
    """One family's extent in each of the two panes (clean offsets) and its colour."""

    family: int
    left: tuple[int, int]
    right: tuple[int, int]
    colour: str


class ConnectorBand(QWidget):
    """Draws `links` between `left` and `right`; the selected family is drawn stronger."""

    def __init__(self, left: DocumentPane, right: DocumentPane, parent: QWidget | None = None):
        super().__init__(parent)
        self.left = left
        self.right = right
        self.links: list[Link] = []
        self.selected_family: int | None = None
        self.setFixedWidth(BAND_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        for pane in (left, right):
            pane.scroll_bar().valueChanged.connect(self.update)

    def set_links(self, links: list[Link]) -> None:
        self.links = list(links)
        self.update()

    def set_selected_family(self, family: int | None) -> None:
        self.selected_family = family
        self.update()

    def _band_y(self, pane: DocumentPane, y: int) -> float:
        """A y in the pane's viewport, in this widget's coordinates."""
        viewport = pane.view.viewport()
        return float(self.mapFromGlobal(viewport.mapToGlobal(QPoint(0, y))).y())

    def link_path(self, link: Link) -> QPainterPath | None:
        """The closed curved shape of one link, or None when it lies wholly off screen."""
        lt, lb = self.left.span_y_range(*link.left)
        rt, rb = self.right.span_y_range(*link.right)
        y = [self._band_y(self.left, lt), self._band_y(self.left, lb)]
        y += [self._band_y(self.right, rt), self._band_y(self.right, rb)]
        h = self.height()
        if (y[1] < 0 and y[3] < 0) or (y[0] > h and y[2] > h):
            return None
        # Clamp far-off ends just outside the strip: the visible shape is the same, and
        # antialiased fills of paths thousands of pixels tall cost about 1 ms each.
        y = [min(max(v, -BAND_OVERSHOOT), h + BAND_OVERSHOOT) for v in y]
        w = float(self.width())
        mid = w / 2
        path = QPainterPath(QPointF(0, y[0]))
        path.cubicTo(QPointF(mid, y[0]), QPointF(mid, y[2]), QPointF(w, y[2]))
        path.lineTo(QPointF(w, y[3]))
        path.cubicTo(QPointF(mid, y[3]), QPointF(mid, y[1]), QPointF(0, y[1]))
        path.closeSubpath()
        return path

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        selected = [k for k in self.links if k.family == self.selected_family]
        for link in [k for k in self.links if k.family != self.selected_family] + selected:
            path = self.link_path(link)
            if path is None:
                continue
            colour = QColor(link.colour)
            strong = link.family == self.selected_family
            fill = QColor(colour)
            fill.setAlpha(230 if strong else BAND_ALPHA)
            painter.setPen(QPen(colour.darker(150 if strong else 125), 1.6 if strong else 1.0))
            painter.setBrush(fill)
            painter.drawPath(path)
        painter.end()
