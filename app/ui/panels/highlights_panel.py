"""The Highlights panel: every highlight of the open articles, filterable, with jump/edit/delete.

Shows rows it is given (`set_rows`); it never reads the store. Double-click (or Enter) asks to
jump to the passage; the buttons ask to edit the note or delete (`remove_requested`, also the
Delete key in the list). Rows not saved yet are marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QLineEdit, QTreeWidgetItem, QWidget

from app.core.thresholds import HIGHLIGHT_COLOURS
from app.ui.panels.annotation_list import AnnotationListPanel
from app.ui.panels.scaffold import (
    KEY_ROLE,
    control_row,
    current_key,
    list_items,
    make_list,
    select_key,
    stack_panel,
)

ALL_KINDS = "All kinds"


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


class HighlightsPanel(AnnotationListPanel[HighlightRow]):
    """Lists highlights, filtered by kind and text; requests carry the highlight id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItems([ALL_KINDS, *HIGHLIGHT_COLOURS, "custom"])
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter by text or note…")
        self.search.setClearButtonEnabled(True)
        self.tree = make_list(
            self,
            ["Kind", "Outlet", "Passage", "Note"],
            "Double-click a highlight to show it in its article",
        )
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._make_edit_remove(
            "Edit…", "Delete", "Delete the selected highlight (Ctrl+Z brings it back)"
        )
        stack_panel(
            self,
            self.tree,
            control_row(*self.buttons, align_right=True),
            top=control_row(self.kind_filter, self.search, grow=self.search),
        )
        self._connect_signals()
        self._on_tree_item_selection_changed()

    def _connect_signals(self) -> None:
        super()._connect_signals()
        self.kind_filter.currentTextChanged.connect(self._on_filter_changed)
        self.search.textChanged.connect(self._on_filter_changed)

    def set_rows(self, rows: list[HighlightRow]) -> None:
        """Replace the list, keeping the selection and filters."""
        keep = self.current_id()
        self.rows = list(rows)
        self._fill(keep)

    def visible_ids(self) -> list[str]:
        """Ids of the rows that pass the filters, top to bottom."""
        return [str(item.data(0, KEY_ROLE)) for item in list_items(self.tree)]

    def current_id(self) -> str | None:
        """The id of the current highlight, or None."""
        key = current_key(self.tree)
        return str(key) if key is not None else None

    def select_id(self, highlight_id: str) -> None:
        select_key(self.tree, highlight_id, scroll=True)

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
            item.setData(0, KEY_ROLE, row.id)
            item.setBackground(0, QBrush(QColor(row.colour)))
            item.setToolTip(2, quote)
            item.setToolTip(3, row.note)
            if row.unsaved:
                item.setForeground(3, QBrush(QColor("#c92a2a")))
            self.tree.addTopLevelItem(item)
        if keep is not None:
            self.select_id(keep)
        self._select_after_removal()
        self._on_tree_item_selection_changed()

    def _on_filter_changed(self, _text: str) -> None:
        self._fill(self.current_id())

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.jump_requested.emit(str(item.data(0, KEY_ROLE)))
