"""Closest passages: the sentences of the other articles nearest to the one under the cursor.

The aligner leaves about half of the loose paraphrases unmatched (their sentences sit too close
in meaning to their neighbours for a threshold), so the reader looks for the counterpart
themselves: Annotate → Find Closest Passages lists, per other article, its nearest sentences
(`app.core.nearest`), and double-click or Enter shows one selected in its pane, ready to be
highlighted or linked as a contradiction. The search runs in a BackgroundOp: the first one of a
session may load the sentence model (about a second) or embed sentences not cached yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QTreeWidgetItem, QVBoxLayout, QWidget

from app.core.errors import Cancelled
from app.core.logs import log_exception
from app.core.model import Alignment, Span
from app.core.nearest import ClosePassage, nearest_passages, query_sentences
from app.core.progress import CancelToken, ProgressFn
from app.ui.menu_actions import menu_action
from app.ui.panels.scaffold import KEY_ROLE, PANEL_MARGIN, make_list
from app.ui.panes.document_pane import DocumentPane
from app.ui.workers import BackgroundOp

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

SHORTCUT = "Ctrl+Shift+F"
TITLE = "Closest Passages"
NO_CASE_HINT = (
    "Open two or more articles, click in a sentence, then Annotate → Find Closest Passages "
    f"({SHORTCUT})."
)
NO_CURSOR_HINT = f"Click in a sentence of an article first, then press {SHORTCUT}."
BUSY_TEXT = "Finding closest passages…"
LEGEND_MEANING = (
    "meaning: how close the sense is (0–1) · words: shared wording (0–100). "
    "Double-click or Enter shows the sentence in its article."
)
LEGEND_WORDS = (
    "Ranked by shared wording (words, 0–100): the meaning model is not installed. "
    "Double-click or Enter shows the sentence in its article."
)
LEGEND_STYLE = "color:#495057; font-size:small;"
_QUOTES = "“”\"«»‘’'"
QUERY_CHARS = 140  # the query quoted in the header: enough to recognise it
ROW_LINES = 3  # a row's sentence is wrapped to the panel width and cut after this many lines
Groups = list[tuple[str, list[tuple[ClosePassage, str]]]]  # (outlet, [(row, sentence text)])
REVEAL_SHARE = 0.6  # of the window's height, given to the panel when a search first shows it


def trim(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters, with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def quoted(text: str) -> str:
    """`text` in typographic quotes; quotation marks at its ends are dropped first, so a
    sentence that opens a quotation closed in a later sentence is not left unbalanced."""
    return f"“{text.strip(_QUOTES)}”"


def wrap_to_width(text: str, metrics: QFontMetrics, width: int, max_lines: int) -> list[str]:
    """`text` broken into lines at most `width` pixels wide, the last one elided with "…".

    Why by hand: a QTreeView sizes a row before its delegate wraps the text, so a wrapped row
    is drawn taller than it was sized and its last line (the scores) is cut off.
    """
    lines: list[str] = []
    rest = text.split()
    while rest and len(lines) < max_lines - 1:
        take = 1
        while take < len(rest) and metrics.horizontalAdvance(" ".join(rest[: take + 1])) <= width:
            take += 1
        lines.append(" ".join(rest[:take]))
        rest = rest[take:]
    if rest:
        lines.append(metrics.elidedText(" ".join(rest), Qt.TextElideMode.ElideRight, width))
    return lines


def score_text(row: ClosePassage) -> str:
    """'meaning 0.71 · words 42' (words only without the model), '· already matched' when so."""
    parts = [] if row.meaning is None else [f"meaning {row.meaning:.2f}"]
    parts.append(f"words {round(row.words)}")
    if row.matched:
        parts.append("already matched")
    return " · ".join(parts)


class NearestPanel(QWidget):
    """Shows the closest sentences, grouped by article; emits the Span of an activated row."""

    jump_requested = Signal(object)  # Span

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ClosePassage] = []  # the rows shown, in order (KEY_ROLE: index here)
        self._groups: Groups = []
        self.header = QLabel(NO_CASE_HINT, self)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = QLabel("", self)
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(LEGEND_STYLE)
        self.tree = make_list(
            self, ["Closest sentences"], "Double-click or Enter: show it", wrap=False
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderHidden(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(PANEL_MARGIN, PANEL_MARGIN, PANEL_MARGIN, PANEL_MARGIN)
        layout.addWidget(self.header)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.legend)
        self._connect_signals()
        self.show_hint(NO_CASE_HINT)

    def _connect_signals(self) -> None:
        self.tree.itemActivated.connect(self._on_tree_item_activated)

    def show_hint(self, text: str) -> None:
        """One line telling what to do; the list is emptied."""
        self.header.setText(text)
        self._set_rows([], [])
        self.legend.setText("")

    def show_busy(self, query: str) -> None:
        """The search is running for `query` (the sentence text)."""
        self.header.setText(f"{BUSY_TEXT}\n{quoted(trim(query, QUERY_CHARS))}")
        self._set_rows([], [])

    def show_results(self, query: str, outlet: str, groups: Groups) -> None:
        """Rows grouped by article: (outlet, [(row, its sentence text)]), best first."""
        by_meaning = any(r.meaning is not None for _, rows in groups for r, _t in rows)
        how = "meaning" if by_meaning else "wording"
        self.header.setText(f"Closest in {how} to: {quoted(trim(query, QUERY_CHARS))} — {outlet}")
        self.legend.setText(LEGEND_MEANING if by_meaning else LEGEND_WORDS)
        self._set_rows(groups, [r for _, rows in groups for r, _t in rows])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._groups:  # re-wrap the sentences to the new width, keeping the current row
            current = self.tree.currentItem()
            key = current.data(0, KEY_ROLE) if current is not None else None
            self._set_rows(self._groups, self.rows)
            items = self.row_items()
            if key is not None and int(key) < len(items):
                self.tree.setCurrentItem(items[int(key)])

    def _set_rows(self, groups: Groups, rows: list[ClosePassage]) -> None:
        self.tree.clear()
        self.rows = rows
        self._groups = groups
        metrics = self.tree.fontMetrics()
        # The list's width less its frame, the child indentation, the item's own padding and
        # the scroll bar (absent while the list is empty, there as soon as rows overflow).
        bar = self.tree.verticalScrollBar().sizeHint().width()
        width = max(120, self.tree.width() - self.tree.indentation() - bar - 20)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        index = 0
        for outlet, members in groups:
            group = QTreeWidgetItem([outlet])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a title, not a row to activate
            self.tree.addTopLevelItem(group)
            if not members:
                group.addChild(QTreeWidgetItem(["(no sentences)"]))
            for row, text in members:
                lines = wrap_to_width(text, metrics, width, ROW_LINES)
                item = QTreeWidgetItem(["\n".join([*lines, score_text(row)])])
                item.setData(0, KEY_ROLE, index)
                item.setToolTip(0, " ".join(text.split()))
                group.addChild(item)
                index += 1
            group.setExpanded(True)

    def row_items(self) -> list[QTreeWidgetItem]:
        """The items of the rows (not the article titles), in the order of `rows`."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount() if group is not None else 0):
                child = group.child(c) if group is not None else None
                if child is not None and child.data(0, KEY_ROLE) is not None:
                    out.append(child)
        return out

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, KEY_ROLE)
        if key is not None:
            self.jump_requested.emit(self.rows[int(key)].span)


class NearestTool(QObject):
    """The action, the dock and the background search; `results_shown` fires after each."""

    results_shown = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = NearestPanel()
        self.dock = _dock(window, self.panel)
        menu = window.actions_.annotate_menu
        assert menu is not None
        menu.addSeparator()
        self.action = menu_action(
            window, menu, "Find &Closest Passages", SHORTCUT, self.find_at_cursor
        )
        self.op: BackgroundOp | None = None
        self._last_pane = ""  # doc id of the pane whose caret the user moved last
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.window.case_view.panes_rebuilt.connect(self._on_case_view_panes_rebuilt)
        self.panel.jump_requested.connect(self.show_span)

    def find_at_cursor(self) -> None:
        """The menu command: search from the caret or selection of the pane in use."""
        pane = self._current_pane()
        if pane is None:
            self._reveal()
            self.panel.show_hint(NO_CURSOR_HINT if self._case() is not None else NO_CASE_HINT)
            return
        cursor = pane.view.textCursor()
        start = pane.text_map.to_clean(cursor.selectionStart())
        end = pane.text_map.to_clean(cursor.selectionEnd())
        self.find(pane.doc.id, start, end)

    def find(self, doc_id: str, start: int, end: int) -> None:
        """Search for the sentences of `doc_id` under [start, end) (clean offsets) in the
        background; also the entry point for a pane's context menu."""
        alignment = self._case()
        self._reveal()
        if alignment is None:
            self.panel.show_hint(NO_CASE_HINT)
            return
        query = _query_text(alignment, doc_id, start, end)
        if not query:
            self.panel.show_hint(NO_CURSOR_HINT)
            return
        if self.op is not None and self.op.running:
            self.op.cancel()
        self.panel.show_busy(query)
        work = _search(alignment, doc_id, start, end)
        op = BackgroundOp(work, self)
        op.finished.connect(
            lambda result, a=alignment: self._on_op_finished(a, doc_id, query, result)
        )
        op.failed.connect(lambda exc, o=op: self._on_op_failed(o, exc))
        self.op = op
        op.start()

    def show_span(self, span: Span) -> None:
        """Centre the span's pane on it and select it there (ready to highlight or link)."""
        pane = self.window.pane_or_hint(span.doc_id)
        if pane is None:
            return
        self.window.case_view.show_passage(pane, span.start, span.end, select=True)
        self._last_pane = span.doc_id

    def _case(self) -> Alignment | None:
        """The open comparison, when it has two articles or more to search across."""
        alignment = self.window.case_view.alignment
        return alignment if alignment is not None and len(alignment.documents) >= 2 else None

    def _reveal(self) -> None:
        if self.dock.isHidden():
            self.dock.show()
            # Most of the column's height: a search lists a dozen rows of two to four lines.
            height = round(self.window.height() * REVEAL_SHARE)
            self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
        self.dock.raise_()

    def _current_pane(self) -> DocumentPane | None:
        """The pane with focus, else the one whose caret the user moved last, else a pane
        with a selection."""
        panes = self.window.case_view.panes
        for pane in panes:
            if pane.view.hasFocus() and _caret_placed(pane):
                return pane
        last = self.window.case_view.pane_for(self._last_pane)
        if last is not None and _caret_placed(last):
            return last
        return next((p for p in panes if p.view.textCursor().hasSelection()), None)

    def _on_case_view_panes_rebuilt(self) -> None:
        for pane in self.window.case_view.panes:
            pane.view.cursorPositionChanged.connect(
                lambda p=pane: self._on_pane_cursor_position_changed(p)
            )
        if self.op is not None and self.op.running:
            self.op.cancel()
        many = len(self.window.case_view.panes) >= 2
        self.panel.show_hint(NO_CURSOR_HINT if many else NO_CASE_HINT)

    def _on_pane_cursor_position_changed(self, pane: DocumentPane) -> None:
        if _caret_placed(pane):
            self._last_pane = pane.doc.id

    def _on_op_finished(
        self, alignment: Alignment, doc_id: str, query: str, result: object
    ) -> None:
        if alignment is not self.window.case_view.alignment or not isinstance(result, dict):
            return
        docs = {d.id: d for d in alignment.documents}
        groups = [
            (
                docs[other].display_name,
                [(r, docs[other].text[r.span.start : r.span.end]) for r in rows],
            )
            for other, rows in result.items()
        ]
        self.panel.show_results(query, docs[doc_id].display_name, groups)
        self.results_shown.emit()

    def _on_op_failed(self, op: BackgroundOp, exc: object) -> None:
        if op is not self.op or isinstance(exc, Cancelled):
            return
        if isinstance(exc, BaseException):
            log_exception(exc)
        self.panel.show_hint(f"Could not find closest passages: {exc}")


def _dock(window: MainWindow, panel: NearestPanel) -> QDockWidget:
    """The panel's dock: on the right, below the annotation panels' tabs rather than a fourth
    tab (four tabs in a side panel cut every title short), and hidden until the first search:
    the reader then sees the closest passages and the flags or highlights at once."""
    dock = QDockWidget(TITLE, window)
    dock.setObjectName("NearestDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock, Qt.Orientation.Vertical)
    dock.hide()
    return dock


def _search(
    alignment: Alignment, doc_id: str, start: int, end: int
) -> Callable[[ProgressFn, CancelToken], object]:
    """The worker side: a function of (progress, cancel) that touches no widget."""

    def work(progress: ProgressFn, cancel: CancelToken) -> object:
        return nearest_passages(alignment, doc_id, start, end, progress=progress, cancel=cancel)

    return work


def _query_text(alignment: Alignment, doc_id: str, start: int, end: int) -> str:
    """The text of the sentences searched for ("" when the range touches none)."""
    doc = next((d for d in alignment.documents if d.id == doc_id), None)
    sentences = query_sentences(alignment, doc_id, start, end)
    if doc is None or not sentences:
        return ""
    return " ".join(" ".join(doc.text[p.start : p.end].split()) for p in sentences)


def _caret_placed(pane: DocumentPane) -> bool:
    """Whether the user put the caret somewhere: a re-render parks it at 0 with no selection."""
    cursor = pane.view.textCursor()
    return cursor.hasSelection() or cursor.position() > 0
