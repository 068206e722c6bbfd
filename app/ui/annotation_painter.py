"""Draws the annotations of the open comparison into the panes and the strips between them.

Listens to the controller (`annotations_changed`) and the case view (`panes_rebuilt`) and
repaints: highlights into each pane (`set_extra_highlights`), contradiction ends with a red
wavy underline, a bar in each pane's margin beside every highlight, and a red dashed
connector in the strip between two adjacent panes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.core.model import Span
from app.ui.annotations_controller import AnnotationsController
from app.ui.case_view import CaseView
from app.ui.panes.connector_band import ConnectorBand
from app.ui.panes.contradiction_overlay import ContradictionOverlay, Range
from app.ui.panes.highlight_gutter import HighlightGutter
from app.ui.panes.highlight_style import Extra, normalise


class AnnotationPainter(QObject):
    """Keeps what the panes show in step with the controller's AnnotationState."""

    def __init__(self, view: CaseView, controller: AnnotationsController) -> None:
        super().__init__(view)
        self.view = view
        self.controller = controller
        self.pending: Span | None = None  # first side of a contradiction being marked
        self._overlays: dict[int, ContradictionOverlay] = {}
        self._gutters: dict[int, HighlightGutter] = {}
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.controller.annotations_changed.connect(self.repaint)
        self.view.panes_rebuilt.connect(self._on_view_panes_rebuilt)

    def set_pending(self, span: Span | None) -> None:
        self.pending = span
        self.repaint()

    def _on_view_panes_rebuilt(self) -> None:
        self._overlays = {}
        self._gutters = {}
        self.repaint()

    def repaint(self) -> None:
        """Redraw highlights in every pane and contradiction connectors in every strip."""
        for pane in self.view.panes:
            extras = self.extras_for(pane.doc.id)
            pane.set_extra_highlights(extras)
            if id(pane) not in self._gutters:
                self._gutters[id(pane)] = HighlightGutter(pane)
            self._gutters[id(pane)].set_marks([normalise(e) for e in extras])
        for band in self.view.bands:
            self._overlay(band).set_links(self.links_between(band))

    def extras_for(self, doc_id: str) -> list[Extra]:
        """The pane decorations of one document, highlights first, pending side last."""
        state = self.controller.state
        linked = {end for c in state.contradictions.values() for end in (c.a, c.b)}
        extras: list[Extra] = []
        for h in state.for_doc(doc_id):
            style = "contradiction" if h.id in linked else "highlight"
            extras.append((h.start, h.end, h.colour, style))
        if self.pending is not None and self.pending.doc_id == doc_id:
            extras.append((self.pending.start, self.pending.end, "#ffc9c9", "pending"))
        return extras

    def links_between(self, band: ConnectorBand) -> list[tuple[Range, Range]]:
        """Contradictions with one end in the band's left pane and the other in its right."""
        state = self.controller.state
        left, right = band.left.doc.id, band.right.doc.id
        links: list[tuple[Range, Range]] = []
        for c in state.contradictions.values():
            a, b = state.highlights.get(c.a), state.highlights.get(c.b)
            if a is None or b is None:
                continue
            if (a.doc_id, b.doc_id) == (right, left):
                a, b = b, a
            if (a.doc_id, b.doc_id) == (left, right):
                links.append(((a.start, a.end), (b.start, b.end)))
        return links

    def _overlay(self, band: ConnectorBand) -> ContradictionOverlay:
        key = id(band)
        if key not in self._overlays:
            self._overlays[key] = ContradictionOverlay(band)
        return self._overlays[key]
