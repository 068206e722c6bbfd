"""The story map: documents (rows, by date) x passage families (columns), a heat map of who
carried which passage first and who copied, rewrote or left it out.

Cells come from `app.core.derivation.story_grid`: origin (the earliest version), verbatim,
close, loose, or absent; an unattributed near-verbatim copy (the later article never names the
origin's outlet) is marked "!". The user selects rows (or any cells of them) and presses "Open
side by side": the main window then shows those articles in its panes. "Open passim output…"
reads a passim cluster file (app.core.importers.passim) into the same view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import thresholds, translation
from app.core.derivation import CellKind, StoryGrid, story_grid
from app.core.model import Alignment

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

_SYMBOL: dict[CellKind, str] = {
    "origin": "●",
    "verbatim": "=",
    "close": "≈",
    "loose": "~",
    "absent": "",
}
_SNIPPET = 140  # characters of a passage shown in a cell's tooltip
AnyIndex = QModelIndex | QPersistentModelIndex


class StoryMapModel(QAbstractTableModel):
    """The story grid of one alignment as a Qt table model (read-only)."""

    def __init__(self, alignment: Alignment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alignment = alignment
        self.grid: StoryGrid = story_grid(alignment)
        self._copies = {
            (v.span.doc_id, d.family)
            for d in self.grid.derivations
            for v in d.versions
            if v.unattributed_copy
        }

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.alignment.families)

    def kind(self, row: int, column: int) -> CellKind:
        """The cell's kind (see app.core.derivation.CellKind)."""
        return self.grid.cells[row][column]

    def document_id(self, row: int) -> str:
        return self.alignment.documents[self.grid.rows[row]].id

    def is_unattributed_copy(self, row: int, column: int) -> bool:
        return (self.document_id(row), column) in self._copies

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        kind = self.kind(row, col)
        if role == Qt.ItemDataRole.DisplayRole:
            return _SYMBOL[kind] + ("!" if self.is_unattributed_copy(row, col) else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(thresholds.STORY_MAP_COLOURS[kind]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(thresholds.STORY_MAP_TEXT_COLOURS[kind]))
        if role == Qt.ItemDataRole.FontRole and self.is_unattributed_copy(row, col):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col, kind)
        return None

    def _tooltip(self, row: int, col: int, kind: CellKind) -> str:
        doc = self.alignment.documents[self.grid.rows[row]]
        name = doc.display_name
        if kind == "absent":
            return f"{name} does not carry passage {col + 1}"
        span = next(s for s in self.alignment.families[col].spans if s.doc_id == doc.id)
        text = " ".join(doc.text[span.start : span.end].split())
        text = text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"
        score = self.grid.scores[row][col]
        how = "first carried here" if kind == "origin" else f"{kind} ({score:.0f})"
        note = (
            " — near-verbatim copy, source not named" if self.is_unattributed_copy(row, col) else ""
        )
        cross = translation.passage_note(self.alignment, col, doc.id)
        return f"{name}: {how}{note}\n“{text}”" + (f"\n{cross}" if cross else "")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        vertical = orientation == Qt.Orientation.Vertical
        if role == Qt.ItemDataRole.ToolTipRole and vertical:
            return self._header_tooltip(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if not vertical:
            return str(section + 1)
        doc = self.alignment.documents[self.grid.rows[section]]
        name = doc.display_name
        language = translation.row_note(self.alignment, doc.id)
        return f"{doc.date or 'undated'} · {name}" + (f" · {language}" if language else "")

    def _header_tooltip(self, row: int) -> str | None:
        """Every translated pair of the row's article, in full sentences (None when none)."""
        doc_id = self.document_id(row)
        docs = {d.id: d for d in self.alignment.documents}
        lines = [
            translation.describe(c, (docs[doc_id].display_name, translation.name_of(docs, c.doc_b)))
            for c in translation.records_of(self.alignment, doc_id)
        ]
        return "\n".join(lines) or None


class StoryMapWindow(QDialog):
    """The story map of the main window's alignment, with "Open side by side"."""

    def __init__(self, window: MainWindow, alignment: Alignment) -> None:
        super().__init__(window)
        self.setWindowTitle("Story Map")
        self.resize(900, 420)
        self._window = window
        self.view = QTableView(self)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.horizontalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.legend = QLabel(_legend(), self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # Says which articles were matched across languages, and how far to trust it (issue 9).
        self.translation_note = QLabel(self)
        self.translation_note.setWordWrap(True)
        self.open_button = QPushButton("Open side by side", self)
        self.open_button.clicked.connect(self.open_selected)
        self.passim_button = QPushButton("Open passim output…", self)
        self.passim_button.clicked.connect(self._choose_passim)
        buttons = QHBoxLayout()
        buttons.addWidget(self.legend, 1)
        buttons.addWidget(self.passim_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.translation_note)
        layout.addLayout(buttons)
        self.set_alignment(alignment)

    def set_alignment(self, alignment: Alignment) -> None:
        """Show the story map of `alignment`."""
        self.model = StoryMapModel(alignment, self)
        self.view.setModel(self.model)
        note = translation.pairs_note(alignment)
        self.translation_note.setText(note)
        self.translation_note.setToolTip("\n".join(translation.describe_all(alignment)))
        self.translation_note.setVisible(bool(note))

    def selected_document_ids(self) -> list[str]:
        """Documents of the selected rows (or of any selected cell), in map order."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        return [self.model.document_id(r) for r in rows]

    def open_selected(self) -> None:
        """Give the main window's panes to the selected documents."""
        ids = self.selected_document_ids()
        if not ids:
            return
        shown = self._window.case_view.alignment
        if shown is not self.model.alignment:
            self._window.show_alignment(self.model.alignment)
        self._window.set_shown_documents(ids)

    def open_passim(self, path: str) -> None:
        """Read passim output at `path` and show its clusters here and in the main window."""
        from app.core.errors import ParallaxError
        from app.core.importers.passim import load_passim
        from app.ui.error_dialogs import show_user_error

        try:
            alignment = load_passim(path)
        except ParallaxError as exc:
            show_user_error(self, exc, "Cannot open passim output")
            return
        self.set_alignment(alignment)

    def _choose_passim(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open passim output", "", "passim JSON lines (*.json *.jsonl *.gz);;All (*)"
        )
        if path:
            self.open_passim(path)


def _legend() -> str:
    parts = []
    for kind, label in (
        ("origin", "first"),
        ("verbatim", "verbatim"),
        ("close", "close"),
        ("loose", "loose"),
        ("absent", "absent"),
    ):
        colour = thresholds.STORY_MAP_COLOURS[kind]
        parts.append(f'<span style="background:{colour}">&nbsp;&nbsp;&nbsp;</span> {label}')
    parts.append("<b>=!</b> copy, source not named")
    return " &nbsp; ".join(parts)


def open_story_map(window: MainWindow) -> StoryMapWindow:
    """Show (or raise) the story map of the window's current alignment."""
    alignment = window.case_view.alignment or Alignment([], {}, [], [])
    dialog: StoryMapWindow | None = getattr(window, "_story_map", None)
    if dialog is None:
        dialog = StoryMapWindow(window, alignment)
        window._story_map = dialog  # type: ignore[attr-defined]
    else:
        dialog.set_alignment(alignment)
    dialog.show()
    dialog.raise_()
    return dialog
