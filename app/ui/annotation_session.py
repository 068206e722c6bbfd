"""Annotating the open comparison: the glue between the window, the panes and the controller.

Creates the controller (store + undo), the three side panels, the painter and the flags
controller; turns menu, context-menu and panel requests into controller calls; asks the
dialogs; reports store problems. Holds no rules of its own: what a highlight or contradiction
is, and how it is saved and undone, lives in core and the controller.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QStandardPaths, Qt

from app.core.annotations import colour_for
from app.core.model import Alignment, Span
from app.ui.annotate_menu import build_annotate_actions, pane_context_menu
from app.ui.annotation_painter import AnnotationPainter
from app.ui.annotation_rows import contradiction_rows, highlight_rows, outlet_of
from app.ui.annotations_controller import AnnotationsController
from app.ui.dialogs import contradiction_dialog, highlight_dialog
from app.ui.flags_controller import FlagsController
from app.ui.menu_actions import panel_toggle
from app.ui.panels.contradictions_panel import ContradictionsPanel
from app.ui.panels.flags_panel import FlagsPanel
from app.ui.panels.highlights_panel import HighlightsPanel
from app.ui.panes.document_pane import DocumentPane
from app.ui.store_status import StoreStatus

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

PENDING_HINT = "Contradiction: now select the contradicting passage in another article, then Ctrl+M"
NO_SELECTION_HINT = "Select some text in an article first"
PENDING_CANCELLED = "Contradiction not marked: the first passage was let go"
# px: room for a quote and a note. At 1600 px four of the five seeds fit beside the panels; the
# row of articles scrolls sideways, and every jump scrolls its article into view.
SIDE_PANEL_WIDTH = 340


class AnnotationSession(QObject):
    """Everything annotation-related in one window; `window.annotations` holds it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = AnnotationsController(self)
        self.alignment: Alignment | None = None
        self.pending_side: Span | None = None
        self.last_kind = "claim"
        self._last_selected = ""  # doc id of the pane whose selection changed last
        self.highlights_panel = HighlightsPanel()
        self.contradictions_panel = ContradictionsPanel()
        self.flags_panel = FlagsPanel()
        self.highlights_dock = window.add_side_panel(self.highlights_panel, "Highlights")
        self.contradictions_dock = window.add_side_panel(
            self.contradictions_panel, "Contradictions"
        )
        self.flags_dock = window.add_side_panel(self.flags_panel, "Flags")
        # Flags first: on opening a comparison it is the panel with something to read; the
        # highlights panel is empty until the user highlights.
        self.flags_dock.raise_()
        window.resizeDocks([self.flags_dock], [SIDE_PANEL_WIDTH], Qt.Orientation.Horizontal)
        self.painter = AnnotationPainter(window.case_view, self.controller)
        self.flags = FlagsController(window.case_view, self.controller, self.flags_panel)
        menus = window.actions_
        assert menus.edit_menu is not None and menus.annotate_menu is not None
        self.actions = build_annotate_actions(self, menus.edit_menu, menus.annotate_menu)
        menus.annotate_menu.addSeparator()
        docks = (self.highlights_dock, self.contradictions_dock, self.flags_dock)
        for i, dock in enumerate(docks):
            panel_toggle(dock, menus.annotate_menu, f"{dock.windowTitle()} Panel", f"Alt+{i + 1}")
        self.store_status = StoreStatus(window, self.controller)
        self._connect_signals()

    def _connect_signals(self) -> None:
        c = self.controller
        c.annotations_changed.connect(self._on_controller_annotations_changed)
        self.window.case_view.panes_rebuilt.connect(self._on_case_view_panes_rebuilt)
        self.window.case_view.family_selected.connect(self._on_case_view_family_selected)
        self.highlights_panel.connect_requests(
            self.jump_to_highlight, self.edit_highlight, c.remove_highlight
        )
        self.contradictions_panel.connect_requests(
            self.jump_to_highlight, self.edit_contradiction, c.remove_contradiction
        )
        if self.window.actions_.export is not None:
            self.window.actions_.export.triggered.connect(self.export)

    # --- store ---------------------------------------------------------------------------------
    def open_store(self, path: str | None = None) -> None:
        """Open the store (dialogs for a recovery or a store that cannot be opened)."""
        self.store_status.open_store(path)

    def close(self) -> None:
        self.controller.close()

    def retry_saving(self) -> None:
        """Annotate → Retry Saving Annotations."""
        self.store_status.retry_saving()

    # --- comparison ----------------------------------------------------------------------------
    def _on_case_view_panes_rebuilt(self) -> None:
        view = self.window.case_view
        for pane in view.panes:
            pane.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            pane.view.customContextMenuRequested.connect(
                lambda pos, p=pane: self._on_pane_context_menu_requested(p, pos)
            )
            pane.view.selectionChanged.connect(lambda p=pane: self._on_pane_selection_changed(p))
        if view.alignment is self.alignment:
            return
        self.alignment = view.alignment
        self.cancel_pending_contradiction()
        docs = view.alignment.documents if view.alignment else []
        problem = self.controller.open_comparison(list(docs))
        self.store_status.show_problem(problem if docs else None)
        if view.alignment is not None:
            self.flags.start(view.alignment)

    def _on_controller_annotations_changed(self) -> None:
        docs = self.controller.documents
        self.highlights_panel.set_rows(highlight_rows(self.controller.state, docs))
        self.contradictions_panel.set_rows(contradiction_rows(self.controller.state, docs))

    # --- selection -------------------------------------------------------------------------------
    def current_selection(self, exclude_doc: str | None = None) -> Span | None:
        """The selected text: in the focused pane first, else the first pane with a selection.

        Panes showing `exclude_doc` are tried last (the other side of a contradiction).
        """
        panes = list(self.window.case_view.panes)
        panes.sort(
            key=lambda p: (
                p.doc.id == exclude_doc,
                not p.view.hasFocus(),
                p.doc.id != self._last_selected,
            )
        )
        for pane in panes:
            span = pane.selected_span()
            if span is not None and span != self.pending_side:
                return span
        return None

    def _on_pane_selection_changed(self, pane: DocumentPane) -> None:
        if pane.selected_span() is not None:
            self._last_selected = pane.doc.id

    def _clear_selection(self, span: Span) -> None:
        """Drop the text selection once used, so the new highlight shows in its own colour."""
        pane = self.window.case_view.pane_for(span.doc_id)
        if pane is not None:
            cursor = pane.view.textCursor()
            cursor.clearSelection()
            pane.view.setTextCursor(cursor)

    def _quote(self, span: Span) -> str:
        return self.controller.documents[span.doc_id].text[span.start : span.end]

    # --- highlights ------------------------------------------------------------------------------
    def highlight_selection(self, kind: str) -> str | None:
        """Highlight the selected text as `kind`; returns the new id (None: nothing selected)."""
        span = self.current_selection()
        if span is None:
            self.window.status_label.setText(NO_SELECTION_HINT)
            return None
        self.last_kind = kind
        self._clear_selection(span)
        return self.controller.add_highlight(span, kind)

    def highlight_with_dialog(self) -> str | None:
        """Ctrl+H: choose kind, colour and note for the selected text."""
        span = self.current_selection()
        if span is None:
            self.window.status_label.setText(NO_SELECTION_HINT)
            return None
        start = highlight_dialog.HighlightChoice(self.last_kind, colour_for(self.last_kind), "")
        choice = highlight_dialog.ask_highlight(self.window, self._quote(span), start)
        if choice is None:
            return None
        self.last_kind = choice.kind if choice.kind != "custom" else self.last_kind
        self._clear_selection(span)
        return self.controller.add_highlight(span, choice.kind, choice.note, choice.colour)

    def highlight_with_colour(self) -> str | None:
        """Highlight the selected text in a colour picked from QColorDialog (kind "custom")."""
        span = self.current_selection()
        if span is None:
            self.window.status_label.setText(NO_SELECTION_HINT)
            return None
        colour = highlight_dialog.ask_colour(self.window, colour_for("claim"))
        if colour is None:
            return None
        self._clear_selection(span)
        return self.controller.add_highlight(span, "custom", "", colour)

    def edit_highlight(self, highlight_id: str) -> None:
        """Edit kind, colour and note of a highlight in the dialog."""
        h = self.controller.state.highlights.get(highlight_id)
        if h is None:
            return
        current = highlight_dialog.HighlightChoice(h.kind, h.colour, h.note)
        choice = highlight_dialog.ask_highlight(self.window, h.exact, current)
        if choice is None or choice == current:
            return
        self.controller.edit_highlight(
            highlight_id, kind=choice.kind, note=choice.note, colour=choice.colour
        )

    def edit_note_at_selection(self) -> None:
        """Ctrl+Shift+N: edit the highlight under the selection, or the one chosen in the panel."""
        span = self.current_selection()
        target = self.highlights_panel.current_id()
        if span is not None:
            hits = self._highlights_at(span.doc_id, span.start)
            target = hits[0] if hits else target
        if target is not None:
            self.edit_highlight(target)

    def _highlights_at(self, doc_id: str, offset: int) -> list[str]:
        found = self.controller.state.for_doc(doc_id)
        return [h.id for h in found if h.start <= offset < h.end]

    def jump_to_highlight(self, highlight_id: str) -> None:
        """Centre the highlight's pane on it (and select it in the panel)."""
        h = self.controller.state.highlights.get(highlight_id)
        if h is None:
            return
        pane = self.window.pane_or_hint(h.doc_id)
        if pane is None:
            return
        self.window.case_view.show_passage(pane, h.start, h.end)
        self.highlights_panel.select_id(highlight_id)

    # --- contradictions --------------------------------------------------------------------------
    def mark_contradiction(self) -> str | None:
        """Ctrl+M: the first time remember the selection; the second time link the two."""
        exclude = self.pending_side.doc_id if self.pending_side else None
        span = self.current_selection(exclude)
        if self.pending_side is None:
            if span is None:
                self.window.status_label.setText(NO_SELECTION_HINT)
                return None
            self.pending_side = span
            self._clear_selection(span)
            self.painter.set_pending(span)
            self.window.status_label.setText(PENDING_HINT)
            return None
        if span is None:
            self.window.status_label.setText(PENDING_HINT)
            return None
        first = self.pending_side
        docs = self.controller.documents
        side_a = (outlet_of(docs, first.doc_id), self._quote(first))
        side_b = (outlet_of(docs, span.doc_id), self._quote(span))
        note = contradiction_dialog.ask_contradiction_note(self.window, side_a, side_b)
        self.cancel_pending_contradiction()
        self._clear_selection(first)
        self._clear_selection(span)
        if note is None:
            return None
        link = self.controller.mark_contradiction(first, span, note)
        self.contradictions_dock.raise_()
        self.window.status_label.setText("Contradiction marked — see the Contradictions panel")
        return link

    def cancel_pending_contradiction(self) -> None:
        """Annotate → Cancel Pending Contradiction, or Escape: forget the first side, and say so
        in the status bar, which still asked for the second."""
        if self.pending_side is not None:
            self.pending_side = None
            self.painter.set_pending(None)
            self.window.status_label.setText(PENDING_CANCELLED)

    def _on_case_view_family_selected(self, family: int, _span: object) -> None:
        if family < 0:  # Go → Clear Selection (Escape) clears a half-made link too
            self.cancel_pending_contradiction()

    def edit_contradiction(self, contradiction_id: str) -> None:
        c = self.controller.state.contradictions.get(contradiction_id)
        state = self.controller.state
        a, b = state.highlights.get(c.a) if c else None, state.highlights.get(c.b) if c else None
        if c is None or a is None or b is None:
            return
        docs = self.controller.documents
        note = contradiction_dialog.ask_contradiction_note(
            self.window,
            (outlet_of(docs, a.doc_id), a.exact),
            (outlet_of(docs, b.doc_id), b.exact),
            c.note,
        )
        if note is not None and note != c.note:
            self.controller.edit_contradiction(contradiction_id, note)

    # --- context menu and export -----------------------------------------------------------------
    def _on_pane_context_menu_requested(self, pane: DocumentPane, pos: QPoint) -> None:
        offset = pane.text_map.to_clean(pane.view.cursorForPosition(pos).position())
        hits = self._highlights_at(pane.doc.id, offset)
        menu = pane.view.createStandardContextMenu(pos)
        selection = pane.selected_span()
        pane_context_menu(self, menu, hits[0] if hits else None, selection is not None)
        start, end = (selection.start, selection.end) if selection else (offset, offset)
        menu.addSeparator()
        find = menu.addAction("Find Closest Passages in Other Articles")
        find.triggered.connect(lambda: self.window.nearest.find(pane.doc.id, start, end))
        menu.exec(pane.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def export(self) -> None:
        """File → Export…: the export dialog for the open comparison."""
        from app.ui.dialogs import export_dialog  # PDF machinery: loaded when first needed

        alignment = self.window.case_view.alignment
        if alignment is None or not alignment.documents:
            self.window.status_label.setText("Open some articles before exporting")
            return
        docs_dir = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = str(Path(docs_dir or Path.home()) / "Parallax export")
        db = str(self.controller.repo.path) if self.controller.repo is not None else None
        dialog = export_dialog.ExportDialog(alignment, folder, db, self.window)
        dialog.exec()
