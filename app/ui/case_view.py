"""The panes of one comparison side by side, with connector bands and linked scrolling.

Owns no business logic: it lays out what an Alignment says (family tints, links, selection) and
reports clicks as `family_selected(family index, clicked span)`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from app.core.model import Alignment, Document, Span
from app.core.thresholds import CLOSE_MIN, FAMILY_COLOURS, MAX_PANES, MIN_PANE_WIDTH
from app.ui.panes.connector_band import ConnectorBand, Link
from app.ui.panes.document_pane import DocumentPane
from app.ui.scroll_sync import ScrollSync


def family_colour(index: int) -> str:
    """The tint of family `index` (the palette repeats beyond its length)."""
    return FAMILY_COLOURS[index % len(FAMILY_COLOURS)]


def _hull(spans: list[Span], doc_id: str) -> tuple[int, int] | None:
    mine = [s for s in spans if s.doc_id == doc_id]
    return (min(s.start for s in mine), max(s.end for s in mine)) if mine else None


class CaseView(QWidget):
    """Panes for up to MAX_PANES documents; more documents than fit scroll horizontally."""

    family_selected = Signal(int, object)  # family index, the clicked Span
    panes_rebuilt = Signal()  # the panes were replaced (new alignment or other articles shown)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alignment: Alignment | None = None
        self.panes: list[DocumentPane] = []
        self.bands: list[ConnectorBand] = []
        self.selected_family: int | None = None
        self.sync = ScrollSync(self)
        self._show_junk = False
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    # --- building ----------------------------------------------------------------------------
    def show_alignment(self, alignment: Alignment, shown: list[str] | None = None) -> None:
        """Replace the panes with one per document, tinted and linked.

        Args:
            alignment: what to show.
            shown: ids of the documents to give a pane (default: the first MAX_PANES).
        """
        self._clear()
        self.alignment = alignment
        docs = [d for d in alignment.documents if shown is None or d.id in shown][:MAX_PANES]
        for i, doc in enumerate(docs):
            pane = DocumentPane(doc)
            pane.setMinimumWidth(MIN_PANE_WIDTH)
            pane.set_tints(self._tints_for(doc))
            pane.set_show_junk(self._show_junk)
            pane.passage_clicked.connect(self._on_pane_passage_clicked)
            if i > 0:
                band = ConnectorBand(self.panes[-1], pane)
                band.set_links(self._links_between(self.panes[-1].doc, doc))
                self.bands.append(band)
                self.splitter.addWidget(band)
            self.panes.append(pane)
            self.splitter.addWidget(pane)
        self.sync.attach(self.panes, alignment)
        self.panes_rebuilt.emit()

    def pane_for(self, doc_id: str) -> DocumentPane | None:
        """The pane showing document `doc_id`, or None if it has no pane."""
        return next((p for p in self.panes if p.doc.id == doc_id), None)

    def show_passage(self, pane: DocumentPane, start: int, end: int, select: bool = False) -> None:
        """Centre clean range [start, end) in `pane` (selecting it when asked), leave the other
        articles where they are, and scroll `pane` into view: what every jump to one passage
        (a highlight, a flag's value, a closest passage) does."""
        with self.sync.suspended():
            if select:
                pane.select(start, end)
            pane.center_on(start, end)
        self.reveal(pane)

    def reveal(self, pane: DocumentPane) -> None:
        """Scroll the row of panes sideways until `pane` is in view: five articles do not fit
        side by side on a laptop screen, and a jump to a passage off to the right must show it."""
        self.scroll_area.ensureWidgetVisible(pane, 0, 0)

    def shown_ids(self) -> list[str]:
        """Ids of the documents that have a pane, left to right."""
        return [p.doc.id for p in self.panes]

    def _clear(self) -> None:
        for widget in [*self.panes, *self.bands]:
            widget.setParent(None)
            widget.deleteLater()
        self.panes, self.bands = [], []
        self.selected_family = None

    def _tints_for(self, doc: Document) -> list[tuple[int, int, str]]:
        assert self.alignment is not None
        return [
            (s.start, s.end, family_colour(i))
            for i, fam in enumerate(self.alignment.families)
            for s in fam.spans
            if s.doc_id == doc.id
        ]

    def _links_between(self, left: Document, right: Document) -> list[Link]:
        assert self.alignment is not None
        links = []
        for i, fam in enumerate(self.alignment.families):
            a, b = _hull(fam.spans, left.id), _hull(fam.spans, right.id)
            if a is not None and b is not None:
                links.append(Link(i, a, b, family_colour(i)))
        return links

    # --- selection -----------------------------------------------------------------------------
    def family_at(self, doc_id: str, offset: int) -> tuple[int, Span] | None:
        """The family whose span in `doc_id` contains `offset`, with that span."""
        if self.alignment is None:
            return None
        for i, fam in enumerate(self.alignment.families):
            for span in fam.spans:
                if span.doc_id == doc_id and span.start <= offset < span.end:
                    return i, span
        return None

    def select_family(self, index: int | None, ref: Span | None = None) -> None:
        """Mark family `index` in every pane and scroll each pane to its version, centred; the
        pane of `ref` (the version clicked or asked for) is scrolled into view. An index the
        comparison does not have selects nothing."""
        families = self.alignment.families if self.alignment else []
        if index is not None and not 0 <= index < len(families):
            index = None
        self.selected_family = index
        spans = families[index].spans if index is not None else []
        colour = family_colour(index) if index is not None else ""
        leader: DocumentPane | None = None
        others: list[DocumentPane] = []
        with self.sync.suspended():
            for pane in self.panes:
                mine = [(s.start, s.end) for s in spans if s.doc_id == pane.doc.id]
                pane.set_selected_spans(mine, colour)
                hull = _hull(list(spans), pane.doc.id)
                if hull is not None:
                    pane.center_on(*hull)
                    leader = leader or pane
                else:
                    others.append(pane)
        # Articles without this passage follow the first that has it, as if it were scrolled.
        if leader is not None and others and self.sync.enabled:
            self.sync.follow(leader, others)
        for band in self.bands:
            band.set_selected_family(index)
        shown = self.pane_for(ref.doc_id) if ref is not None else None
        if shown is not None:
            self.reveal(shown)
        if index is not None and spans:
            self.family_selected.emit(index, ref or spans[0])
        else:
            self.family_selected.emit(-1, None)

    def step_family(self, step: int) -> None:
        """Select the next (step=1) or previous (step=-1) family, wrapping round."""
        if not self.alignment or not self.alignment.families:
            return
        count = len(self.alignment.families)
        current = self.selected_family
        index = (0 if step > 0 else count - 1) if current is None else (current + step) % count
        self.select_family(index)

    def select_first_shared_family(self) -> None:
        """Select a telling family (for screenshots): close rewrites in the most articles."""
        if not self.alignment or not self.alignment.families:
            return
        alignment = self.alignment

        def telling(i: int) -> tuple[bool, int, float]:
            # Close rewrites show word changes best; then the more outlets, the better.
            fam = alignment.families[i]
            scores = [alignment.matches[m].score for m in fam.matches] or [0.0]
            mean = sum(scores) / len(scores)
            return mean >= CLOSE_MIN, len({s.doc_id for s in fam.spans}), mean

        self.select_family(max(range(len(alignment.families)), key=telling))

    def _on_pane_passage_clicked(self, doc_id: str, offset: int) -> None:
        hit = self.family_at(doc_id, offset)
        if hit is not None:
            self.select_family(hit[0], hit[1])

    # --- view options --------------------------------------------------------------------------
    def set_show_junk(self, show: bool) -> None:
        self._show_junk = show
        with self.sync.suspended():
            for pane in self.panes:
                pane.set_show_junk(show)
        for band in self.bands:
            band.update()

    def set_sync_enabled(self, enabled: bool) -> None:
        self.sync.enabled = enabled
        if enabled and self.panes:
            self.sync.follow(self.panes[0])

    def splitter_state(self) -> QByteArray:
        return self.splitter.saveState()

    def restore_splitter_state(self, state: QByteArray) -> None:
        self.splitter.restoreState(state)
