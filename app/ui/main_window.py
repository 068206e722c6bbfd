"""The main window: menus, the case view, the comparison dock, status and background loading.

Loading runs `case_loader.load_and_align` in a BackgroundOp; the window only shows results.
Docks: the comparison panel sits at the bottom; the right dock area is kept free for the
annotation panels (`add_side_panel`).
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.counts import alignment_counts, plural
from app.core.errors import Cancelled, ParallaxError
from app.core.logs import log_exception
from app.core.model import Alignment, Span
from app.core.settings import UiSettings
from app.core.thresholds import MAX_PANES
from app.core.translation import status_note
from app.ui import settings_store
from app.ui.annotation_rows import outlet_of
from app.ui.annotation_session import AnnotationSession
from app.ui.case_loader import CaseResult, load_and_align
from app.ui.case_view import CaseView
from app.ui.comparison_panel import ComparisonPanel
from app.ui.error_dialogs import show_unexpected_error, show_user_errors
from app.ui.find_bar import FindBar
from app.ui.menus import add_find_actions, build_menus
from app.ui.panels.nearest_panel import NearestTool
from app.ui.panes.document_pane import DocumentPane
from app.ui.workers import BackgroundOp, live_count, stop_all

FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.pdf);;All files (*)"
NOTHING_OPENED = "No article could be opened"
EMPTY_HINT = (
    "<h2>No articles open</h2><p>Open two or more articles about the same story "
    "(File → Open Articles…, Ctrl+O) or drop files here.</p>"
)


def status_text(alignment: Alignment) -> str:
    """'5 articles · 14 shared passages (42 versions)', in the report's words."""
    return f"{plural(len(alignment.documents), 'article')} · {alignment_counts(alignment)}"


class MainWindow(QMainWindow):
    """The reader's window. `alignment_shown` fires once panes show a new alignment."""

    alignment_shown = Signal()
    load_failed = Signal(str)

    def __init__(self, settings: UiSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or settings_store.load_settings()
        self.paths: list[str] = []
        self.op: BackgroundOp | None = None
        # Screenshots and benchmarks run unattended: errors go to stderr instead of dialogs.
        self.quiet_errors = False
        self.last_errors: list[ParallaxError] = []  # files the last load could not open
        self._closed = False  # set once a close is accepted: late results are dropped
        self.setWindowTitle("Parallax")
        self.setAcceptDrops(True)
        self.resize(self.settings.window_width, self.settings.window_height)
        self._build_central()
        self._build_docks()
        self._build_status()
        self.actions_ = build_menus(self)
        self.annotations = AnnotationSession(self)
        add_find_actions(self.actions_, self.find_bar)  # after Edit → Undo/Redo
        self.nearest = NearestTool(self)  # Annotate → Find Closest Passages and its dock
        self._connect_signals()
        self._restore_window_state()
        self.annotations.open_store()

    def _build_central(self) -> None:
        self.case_view = CaseView(self)
        self.empty = QLabel(EMPTY_HINT, self)
        self.empty.setObjectName("EmptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.case_view)
        self.find_bar = FindBar(self.case_view, self)  # Edit → Find…, under the panes
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.stack, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        self.comparison = ComparisonPanel(self)
        self.comparison_dock = QDockWidget("Compare versions", self)
        self.comparison_dock.setObjectName("ComparisonDock")
        self.comparison_dock.setWidget(self.comparison)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.comparison_dock)
        self.resizeDocks([self.comparison_dock], [230], Qt.Orientation.Vertical)

    def add_side_panel(self, widget: QWidget, title: str) -> QDockWidget:
        """Hook for the annotation panels: dock `widget` on the right, tabbed with the others."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"SidePanel-{title}")
        dock.setWidget(widget)
        existing = [
            d
            for d in self.findChildren(QDockWidget)
            if self.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea
        ]
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if existing:
            self.tabifyDockWidget(existing[0], dock)
        return dock

    def _build_status(self) -> None:
        self.status_label = QLabel("Ready")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.matching_label = QLabel("")  # says whether paraphrases are matched by meaning
        self.translation_label = QLabel("")  # how well a translation shown was aligned
        self.translation_label.setObjectName("TranslationStatus")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.translation_label)
        self.statusBar().addPermanentWidget(self.matching_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self._set_busy(False)

    def _connect_signals(self) -> None:
        self.case_view.family_selected.connect(self._on_case_view_family_selected)
        self.case_view.panes_rebuilt.connect(self._on_case_view_panes_rebuilt)
        self.cancel_button.clicked.connect(self.cancel_loading)

    # --- opening -------------------------------------------------------------------------------
    def open_files(self, paths: list[str], *, replace: bool = True) -> None:
        """Import and align `paths` (added to the open set unless `replace`) in the background."""
        wanted = (
            list(paths) if replace else [*self.paths, *[p for p in paths if p not in self.paths]]
        )
        if not wanted:
            return
        self.cancel_loading()
        op = BackgroundOp(partial(load_and_align, wanted), self)
        op.progressed.connect(self._on_op_progressed)
        op.finished.connect(self._on_op_finished)
        op.failed.connect(self._on_op_failed)
        self.op = op
        self._set_busy(True, f"Opening {len(wanted)} articles…")
        op.start()

    def cancel_loading(self) -> None:
        if self.op is not None and self.op.running:
            self.op.cancel()

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open articles", "", FILE_FILTER)
        if paths:
            self.open_files(paths, replace=False)

    def reopen_last_case(self) -> None:
        if self.settings.last_case:
            self.open_files(self.settings.last_case)

    def close_all(self) -> None:
        self._save_case_layout()
        self.paths = []
        self.case_view.show_alignment(Alignment([], {}, [], []))
        self.comparison.show_family(None, None, None)
        self.stack.setCurrentWidget(self.empty)
        self.status_label.setText("Ready")

    def show_alignment(self, alignment: Alignment, paths: list[str] | None = None) -> None:
        """Show an alignment (also the entry point for tests with hand-built fixtures)."""
        new_paths = paths if paths is not None else [d.source_path for d in alignment.documents]
        self._save_case_layout()
        self.paths = list(new_paths)
        self.case_view.show_alignment(alignment)
        layout = settings_store.load_case_layout(self.paths)
        if layout is not None:
            self.case_view.restore_splitter_state(layout)
        self.case_view.set_show_junk(self.settings.show_junk)
        self.case_view.set_sync_enabled(self.settings.sync_scroll)
        self.comparison.show_family(None, None, None)
        self.stack.setCurrentWidget(self.case_view if alignment.documents else self.empty)
        hint = " — click a tinted passage to compare its versions" if alignment.families else ""
        if len(alignment.documents) > MAX_PANES:
            hint = f" — {MAX_PANES} shown side by side; choose them in View → Articles Shown"
        self.status_label.setText(status_text(alignment) + hint)
        self.actions_.refresh_articles()
        self.alignment_shown.emit()

    def pane_or_hint(self, doc_id: str) -> DocumentPane | None:
        """The pane showing `doc_id`; None when the article has no pane, and the status bar
        then says how to show it (what every "jump to" in the panels needs)."""
        pane = self.case_view.pane_for(doc_id)
        if pane is None:
            alignment = self.case_view.alignment
            docs = {d.id: d for d in alignment.documents} if alignment is not None else {}
            self.status_label.setText(
                f"{outlet_of(docs, doc_id)} is not shown; choose it in View → Articles Shown"
            )
        return pane

    def set_shown_documents(self, ids: list[str]) -> None:
        """Give panes to these documents only (View → Articles Shown); at least one stays."""
        alignment = self.case_view.alignment
        # The menu is rebuilt on the next turn of the event loop: this may run inside the
        # toggled signal of one of its entries, which must not be deleted while it emits.
        QTimer.singleShot(0, self.actions_.refresh_articles)
        if alignment is None or not ids:
            return
        self._save_case_layout()
        self.case_view.show_alignment(alignment, ids)
        self.case_view.set_show_junk(self.settings.show_junk)

    def _on_op_progressed(self, fraction: float, label: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        if label:
            self.status_label.setText(label)

    def _on_op_finished(self, result: object) -> None:
        if self._closed:
            return  # finished as the window closed: no dialogs, no new background work
        self._set_busy(False)
        assert isinstance(result, CaseResult)
        self.last_errors = list(result.errors)
        self._report_errors(result.errors)
        if result.alignment.documents:
            self.matching_label.setText(result.matching)
            self.show_alignment(result.alignment, result.paths)
            self.settings.last_case = list(result.paths)
            settings_store.add_recent(self.settings, result.paths)
            self.actions_.refresh_recent()
        else:
            # The last "Reading …" must not stay: say so, or show the open case's status again.
            shown = self.case_view.alignment
            if shown is not None and shown.documents:
                self.status_label.setText(status_text(shown))
            else:
                self.status_label.setText(NOTHING_OPENED)
            self.load_failed.emit("no article could be opened")

    def _on_op_failed(self, exc: object) -> None:
        self._set_busy(False)
        if isinstance(exc, Cancelled):
            self.status_label.setText("Opening cancelled")
        elif isinstance(exc, ParallaxError):
            self.last_errors = [exc]
            self._report_errors([exc])
        elif isinstance(exc, BaseException):
            if self.quiet_errors:
                log_exception(exc)
                print(f"parallax: unexpected error: {exc!r}", file=sys.stderr)
            else:
                show_unexpected_error(self, exc)
        self.load_failed.emit(str(exc))

    def _report_errors(self, errors: list[ParallaxError]) -> None:
        if self.quiet_errors:
            for err in errors:
                print(f"parallax: {err}", file=sys.stderr)
        else:
            show_user_errors(self, errors)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setValue(0)
        if text:
            self.status_label.setText(text)

    def _on_case_view_panes_rebuilt(self) -> None:
        # Translation notes follow the panes shown (View → Articles Shown may change them).
        alignment, shown = self.case_view.alignment, self.case_view.shown_ids()
        self.comparison.set_case(alignment, shown)
        translations = alignment.translations if alignment is not None else ()
        self.translation_label.setText(status_note(translations, shown))
        self.translation_label.setToolTip("\n".join(self.comparison.translation_lines))

    def _on_case_view_family_selected(self, index: int, ref: Span | None) -> None:
        if index < 0 or ref is None:
            self.comparison.show_family(None, None, None)
            return
        self.comparison.show_family(self.case_view.alignment, index, ref)
        self.comparison_dock.show()

    # --- view options --------------------------------------------------------------------------
    def set_show_junk(self, show: bool) -> None:
        self.settings.show_junk = show
        self.case_view.set_show_junk(show)

    def set_sync_scroll(self, enabled: bool) -> None:
        self.settings.sync_scroll = enabled
        self.case_view.set_sync_enabled(enabled)

    # --- drag and drop, closing ---------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        files = [p for p in paths if Path(p).is_file()]
        if files:
            event.acceptProposedAction()
            self.open_files(files, replace=False)

    def _restore_window_state(self) -> None:
        geometry, state, _ = settings_store.load_window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def _save_case_layout(self) -> None:
        if self.paths and self.case_view.panes:
            settings_store.save_case_layout(self.paths, self.case_view.splitter_state())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.annotations.store_status.may_close():
            event.ignore()  # unsaved annotations: the user is asked, and closes again after
            return
        self._closed = True
        self._stop_background_work()
        self._save_case_layout()
        self.settings.last_case = list(self.paths) or self.settings.last_case
        settings_store.save_settings(self.settings)
        settings_store.save_window_state(
            self.saveGeometry(), self.saveState(), self.case_view.splitter_state()
        )
        self.annotations.close()
        super().closeEvent(event)

    def _stop_background_work(self) -> None:
        """Cancel every background op and wait for the pool, the window hidden meanwhile.

        Python must not shut down while a pool thread still runs Python code: the process
        then aborts instead of exiting (`parallax open` would end with status 134).
        """
        if live_count():
            self.hide()
            if not stop_all():
                print("parallax: background work did not stop in time", file=sys.stderr)
