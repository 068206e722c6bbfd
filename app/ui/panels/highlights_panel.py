"""The Highlights panel: every highlight of the open articles, filterable, with jump/edit/delete.

Shows rows it is given (`set_rows`); it never reads the store. Double-click (or Enter) asks to
jump to the passage; the buttons ask to edit the note or delete. Rows not saved yet are marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.thresholds import HIGHLIGHT_COLOURS

ALL_KINDS = "All kinds"
ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class HighlightRow:
    """One line of the panel (plain values, built by the annotation session)."""

    id: str
    outlet: str
    quote: str
    kind: str
    colour: str
    note: str
    unsaved: bool = False


class HighlightsPanel(QWidget):
    """Lists highlights; emits ids for the session to act on."""

    jump_requested = Signal(str)
    edit_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[HighlightRow] = []
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItems([ALL_KINDS, *HIGHLIGHT_COLOURS, "custom"])
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter by text or note…")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Kind", "Outlet", "Passage", "Note"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setToolTip("Double-click a highlight to show it in its article")
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        self._layout()
        self._connect_signals()
        self._on_tree_item_selection_changed()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.kind_filter)
        top.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.kind_filter.currentTextChanged.connect(self._on_filter_changed)
        self.search.textChanged.connect(self._on_filter_changed)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.itemSelectionChanged.connect(self._on_tree_item_selection_changed)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)

    def set_rows(self, rows: list[HighlightRow]) -> None:
        """Replace the list, keeping the selection and filters."""
        keep = self.current_id()
        self.rows = list(rows)
        self._fill(keep)

    def visible_ids(self) -> list[str]:
        """Ids of the rows that pass the filters, top to bottom."""
        return [str(item.data(0, ID_ROLE)) for item in self._items()]

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else None

    def select_id(self, highlight_id: str) -> None:
        for item in self._items():
            if item.data(0, ID_ROLE) == highlight_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)

    def _passes(self, row: HighlightRow) -> bool:
        kind = self.kind_filter.currentText()
        custom = kind == "custom" and row.kind not in HIGHLIGHT_COLOURS
        if kind not in (ALL_KINDS, row.kind) and not custom:
            return False
        needle = self.search.text().strip().lower()
        hay = f"{row.quote} {row.note} {row.outlet}".lower()
        return not needle or needle in hay

    def _fill(self, keep: str | None) -> None:
        self.tree.clear()
        for row in self.rows:
            if not self._passes(row):
                continue
            quote = " ".join(row.quote.split())
            note = row.note + ("  (not saved)" if row.unsaved else "")
            item = QTreeWidgetItem([row.kind, row.outlet, f"“{quote}”", note])
            item.setData(0, ID_ROLE, row.id)
            item.setBackground(0, QBrush(QColor(row.colour)))
            item.setToolTip(2, quote)
            item.setToolTip(3, row.note)
            if row.unsaved:
                item.setForeground(3, QBrush(QColor("#c92a2a")))
            self.tree.addTopLevelItem(item)
        if keep is not None:
            self.select_id(keep)
        self._on_tree_item_selection_changed()

    def _on_filter_changed(self, _text: str) -> None:
        self._fill(self.current_id())

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.jump_requested.emit(str(item.data(0, ID_ROLE)))

    def _on_tree_item_selection_changed(self) -> None:
        has = self.tree.currentItem() is not None and bool(self.tree.selectedItems())
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _on_edit_button_clicked(self) -> None:
        if (hid := self.current_id()) is not None:
            self.edit_requested.emit(hid)

    def _on_delete_button_clicked(self) -> None:
        if (hid := self.current_id()) is not None:
            self.delete_requested.emit(hid)
