"""The Contradictions panel: linked passage pairs with both quotes, outlets and the note.

Shows rows it is given (`set_rows`). Double-click a row to show the first passage; the
buttons show either side, edit the note, or remove the link (also the Delete key in the list).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QPushButton, QTreeWidgetItem, QWidget

from app.ui.panels.annotation_list import AnnotationListPanel
from app.ui.panels.scaffold import KEY_ROLE, control_row, current_row_in, make_list, stack_panel

ORIGIN_LABELS = {"user": "marked", "flag": "accepted flag"}


@dataclass(frozen=True)
class ContradictionRow:
    """One contradiction: ids of the link and its two highlights, and what to show."""

    id: str
    a_id: str
    b_id: str
    a_outlet: str
    a_quote: str
    b_outlet: str
    b_quote: str
    note: str
    origin: str
    unsaved: bool = False


class ContradictionsPanel(AnnotationListPanel[ContradictionRow]):
    """Lists contradictions; jump requests carry a highlight id, edit and remove the link id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = make_list(
            self,
            ["First passage", "Second passage", "Note"],
            "Double-click to show the first passage",
        )
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.go_a = QPushButton("Show first", self)
        self.go_b = QPushButton("Show second", self)
        self._make_edit_remove(
            "Edit note…", "Remove", "Remove the selected contradiction (Ctrl+Z brings it back)"
        )
        self.buttons = (self.go_a, self.go_b, *self.buttons)
        stack_panel(self, self.tree, control_row(*self.buttons))
        self._connect_signals()
        self._on_tree_item_selection_changed()

    def _connect_signals(self) -> None:
        super()._connect_signals()
        self.go_a.clicked.connect(lambda: self._emit_side(0))
        self.go_b.clicked.connect(lambda: self._emit_side(1))

    def set_rows(self, rows: list[ContradictionRow]) -> None:
        keep = self.current_row()
        self.rows = list(rows)
        self.tree.clear()
        for row in self.rows:
            note = row.note or f"({ORIGIN_LABELS.get(row.origin, row.origin)})"
            if row.unsaved:
                note += "  (not saved)"
            item = QTreeWidgetItem(
                [_side(row.a_outlet, row.a_quote), _side(row.b_outlet, row.b_quote), note]
            )
            item.setData(0, KEY_ROLE, row.id)
            for column in (0, 1):
                item.setForeground(column, QBrush(QColor("#a61e1e")))
            item.setToolTip(0, row.a_quote)
            item.setToolTip(1, row.b_quote)
            self.tree.addTopLevelItem(item)
            if keep is not None and keep.id == row.id:
                self.tree.setCurrentItem(item)
        self._select_after_removal()
        self._on_tree_item_selection_changed()

    def current_row(self) -> ContradictionRow | None:
        return current_row_in(self.tree, self.rows, lambda r: r.id)

    def current_id(self) -> str | None:
        """The id of the current contradiction (the link), or None."""
        row = self.current_row()
        return row.id if row is not None else None

    def _emit_side(self, side: int) -> None:
        row = self.current_row()
        if row is not None:
            self.jump_requested.emit(row.a_id if side == 0 else row.b_id)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        self.tree.setCurrentItem(item)
        self._emit_side(1 if column == 1 else 0)


def _side(outlet: str, quote: str) -> str:
    return f"{outlet}: “{' '.join(quote.split())}”"
