"""Building menu entries: an action with its shortcut and handler, made in one call.

Every menu of the window (File, View, Go in `menus.py`; Edit and Annotate in `annotate_menu.py`)
and the panel toggles of the docks are built with these, so an entry's text, shortcut and what it
does are read on one line.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

Shortcut = str | QKeySequence | QKeySequence.StandardKey | None


def menu_action(
    owner: QObject,
    menu: QMenu,
    text: str,
    shortcut: Shortcut = None,
    on_triggered: Callable[[], object] | None = None,
) -> QAction:
    """An action `text` owned by `owner`, added to `menu`, with `shortcut` and `on_triggered`.

    `shortcut`: a key sequence or its text (e.g. "Ctrl+O"); None for none. `on_triggered` is
    connected to `triggered` when given.
    """
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    menu.addAction(action)
    if on_triggered is not None:
        action.triggered.connect(on_triggered)
    return action


def toggle_action(
    owner: QObject,
    menu: QMenu,
    text: str,
    shortcut: Shortcut,
    checked: bool,
    on_toggled: Callable[[bool], object],
) -> QAction:
    """A checkable `menu_action`, `checked` at first; `on_toggled` hears later changes only."""
    action = menu_action(owner, menu, text, shortcut)
    action.setCheckable(True)
    action.setChecked(checked)
    action.toggled.connect(on_toggled)  # after setChecked: the first state is not a change
    return action


def panel_toggle(dock: QDockWidget, menu: QMenu, text: str, shortcut: Shortcut) -> QAction:
    """The show/hide action of `dock`, named `text`, with `shortcut`, added to `menu`."""
    action = dock.toggleViewAction()
    action.setText(text)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    menu.addAction(action)
    return action
