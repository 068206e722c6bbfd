"""The scaffolding the side panels share: a flat list, rows of controls, the panel layout.

Every side panel (highlights, contradictions, flags) lists plain-value rows in a QTreeWidget
with no tree structure, keeps each row's key (an id or an index) in column 0 under `KEY_ROLE`,
and stacks an optional control row, the list and a row of buttons. These helpers hold that
common part once, so a panel only says which columns and buttons it has and what a row shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

KEY_ROLE = Qt.ItemDataRole.UserRole  # where each item keeps its row's key (column 0)
PANEL_MARGIN = 4  # px: side panels sit in narrow docks, the default margins waste width

RowT = TypeVar("RowT")

# The keys a review list answers itself. Delete and Backspace both remove: a Mac keyboard's
# "delete" key sends Backspace.
REMOVE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def make_list(
    parent: QWidget, headers: list[str], tooltip: str, *, wrap: bool = True
) -> QTreeWidget:
    """A flat list with column `headers`; `wrap` wraps long passages and stripes the rows."""
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    if wrap:
        tree.setWordWrap(True)
        tree.setAlternatingRowColors(True)
    tree.setToolTip(tooltip)
    return tree


def control_row(
    *widgets: QWidget, grow: QWidget | None = None, align_right: bool = False
) -> QHBoxLayout:
    """`widgets` side by side; `grow` takes the spare width, `align_right` pushes all right."""
    row = QHBoxLayout()
    if align_right:
        row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget, 1 if widget is grow else 0)
    return row


def stack_panel(
    panel: QWidget, body: QWidget, buttons: QLayout, top: QLayout | None = None
) -> None:
    """Lay out `panel` as `top` (if any), `body` taking the spare height, then `buttons`."""
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(PANEL_MARGIN, PANEL_MARGIN, PANEL_MARGIN, PANEL_MARGIN)
    if top is not None:
        layout.addLayout(top)
    layout.addWidget(body, 1)
    layout.addLayout(buttons)


def list_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The list's items, top to bottom."""
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def select_key(tree: QTreeWidget, key: object, *, scroll: bool = False) -> None:
    """Make the item whose row key is `key` current (and scroll to it if `scroll`)."""
    for item in list_items(tree):
        if item.data(0, KEY_ROLE) == key:
            tree.setCurrentItem(item)
            if scroll:
                tree.scrollToItem(item)


def current_key(tree: QTreeWidget) -> object | None:
    """The row key of the current item, or None when there is no current item."""
    item = tree.currentItem()
    return item.data(0, KEY_ROLE) if item is not None else None


def current_row_in(
    tree: QTreeWidget, rows: Iterable[RowT], key: Callable[[RowT], object]
) -> RowT | None:
    """The row of `rows` behind the current item (matched by `key(row)`), or None."""
    if tree.currentItem() is None:
        return None
    wanted = current_key(tree)
    return next((r for r in rows if key(r) == wanted), None)


def has_selection(tree: QTreeWidget) -> bool:
    """Whether an item is current and selected (the panels' buttons act on it only then)."""
    return tree.currentItem() is not None and bool(tree.selectedItems())


def key_hint(text: str, keys: str) -> str:
    """A button tooltip that names the keys doing the same: 'Dismiss this flag (D, Delete)'."""
    return f"{text} ({keys})"


class ListKeys(QObject):
    """Plain keys (no Ctrl/Alt/Meta) that click a panel's buttons while its list has focus.

    Each key does exactly what clicking its button does, and nothing while the button is
    disabled (`QAbstractButton.click` ignores a disabled button), so a key never acts on a row
    the button would refuse. The keys are taken before any window shortcut bound to the same
    key (the ShortcutOverride is accepted) and before the list's type-to-search, which would
    otherwise eat letters.
    """

    def __init__(self, tree: QTreeWidget, keys: Mapping[Qt.Key, QAbstractButton]) -> None:
        super().__init__(tree)
        self._keys = {int(key): button for key, button in keys.items()}
        tree.installEventFilter(self)

    def button_for(self, event: QKeyEvent) -> QAbstractButton | None:
        """The button `event`'s key clicks, or None (another key, or with a modifier held)."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return None
        return self._keys.get(int(event.key()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if event.type() not in kinds or not isinstance(event, QKeyEvent):
            return False
        button = self.button_for(event)
        if button is None:
            return False
        if event.type() == QEvent.Type.KeyPress:
            button.click()
        event.accept()
        return True
