"""The base of the Highlights and Contradictions panels: annotations listed by id.

Both panels show plain-value rows (`rows`) in a flat list (`tree`) with Edit and Remove buttons
that act on the current row's id and are enabled only while a row is selected, and both ask the
annotation session to jump to a highlight, edit or remove (`connect_requests`). Delete (or
Backspace) in the list does what the remove button does, and after a removal the row that took
its place is selected, so a list can be pruned from the keyboard. That part lives here once; a
panel adds its columns, its extra controls and what a row shows.

Subclasses create their widgets in the order they want them in the focus chain (Qt's default tab
order is creation order): `tree` (with `scaffold.make_list`) and the buttons
(`_make_edit_remove`), then call `_connect_signals()` and `_on_tree_item_selection_changed()`;
after refilling the list, `_select_after_removal()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QTreeWidget, QTreeWidgetItem, QWidget

from app.ui.panels.scaffold import REMOVE_KEYS, ListKeys, has_selection, key_hint

RowT = TypeVar("RowT")
IdSlot = Callable[[str], object]


class AnnotationListPanel(QWidget, Generic[RowT]):
    """Lists annotations; requests carry ids (jump: a highlight id; edit, remove: the row's)."""

    jump_requested = Signal(str)
    edit_requested = Signal(str)
    remove_requested = Signal(str)

    tree: QTreeWidget
    edit_button: QPushButton
    remove_button: QPushButton
    buttons: tuple[QPushButton, ...]  # enabled together while a row is selected
    keys: ListKeys  # Delete / Backspace in the list: the remove button

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RowT] = []
        self._removed_at: int | None = None  # list position of the row whose removal was asked

    def connect_requests(self, jump: IdSlot, edit: IdSlot, remove: IdSlot) -> None:
        """Have `jump`, `edit` and `remove` answer the panel's three requests."""
        self.jump_requested.connect(jump)
        self.edit_requested.connect(edit)
        self.remove_requested.connect(remove)

    def current_id(self) -> str | None:
        """The id of the current row, or None when there is none."""
        raise NotImplementedError

    def _make_edit_remove(self, edit_text: str, remove_text: str, remove_tip: str) -> None:
        """Create the Edit and Remove buttons (labelled `edit_text`, `remove_text`).

        `remove_tip` says what removing does; the tooltip adds the keys that do the same.
        """
        self.edit_button = QPushButton(edit_text, self)
        self.remove_button = QPushButton(remove_text, self)
        self.remove_button.setToolTip(key_hint(remove_tip, "Delete"))
        self.buttons = (self.edit_button, self.remove_button)
        self.keys = ListKeys(self.tree, {key: self.remove_button for key in REMOVE_KEYS})

    def _select_after_removal(self) -> None:
        """Once the list is refilled after a removal, select the row now in its place (or the
        new last row), so Delete pressed again removes the next one."""
        at, self._removed_at = self._removed_at, None
        count = self.tree.topLevelItemCount()
        if at is None or count == 0 or self.tree.currentItem() is not None:
            return
        item = self.tree.topLevelItem(min(at, count - 1))
        if item is not None:
            self.tree.setCurrentItem(item)

    def _connect_signals(self) -> None:
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.itemSelectionChanged.connect(self._on_tree_item_selection_changed)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        raise NotImplementedError

    def _on_tree_item_selection_changed(self) -> None:
        has = has_selection(self.tree) and self.current_id() is not None
        for button in self.buttons:
            button.setEnabled(has)

    def _on_edit_button_clicked(self) -> None:
        if (row_id := self.current_id()) is not None:
            self.edit_requested.emit(row_id)

    def _on_remove_button_clicked(self) -> None:
        item = self.tree.currentItem()
        if item is not None and (row_id := self.current_id()) is not None:
            self._removed_at = self.tree.indexOfTopLevelItem(item)
            self.remove_requested.emit(row_id)
