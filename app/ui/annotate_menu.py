"""Edit (Undo/Redo) and Annotate menu actions, and the panes' context menu.

The actions only call the annotation session's public methods; they hold no logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QMenu

from app.core.thresholds import HIGHLIGHT_COLOURS
from app.ui.menu_actions import menu_action

if TYPE_CHECKING:
    from app.ui.annotation_session import AnnotationSession

KIND_LABELS = {
    "claim": "&Claim",
    "evidence": "&Evidence",
    "contradiction": "C&ontradiction",
    "question": "&Question",
}


@dataclass
class AnnotateActions:
    """The annotation actions, reachable by tests and for the toolbar-less menus."""

    undo: QAction
    redo: QAction
    kinds: dict[str, QAction] = field(default_factory=dict)  # Ctrl+1..4
    highlight: QAction | None = None  # Ctrl+H: kind, colour, note in a dialog
    custom_colour: QAction | None = None
    edit_note: QAction | None = None
    mark_contradiction: QAction | None = None  # Ctrl+M
    cancel_pending: QAction | None = None
    retry: QAction | None = None


def swatch_icon(colour: str) -> QIcon:
    """A small square of `colour`: the kind's colour next to its menu entry."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def build_annotate_actions(
    session: AnnotationSession, edit_menu: QMenu, annotate_menu: QMenu
) -> AnnotateActions:
    """Fill the Edit and Annotate menus and connect every action to `session`."""
    window = session.window
    undo = session.controller.undo_group.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = session.controller.undo_group.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    actions = AnnotateActions(undo, redo)
    add = partial(menu_action, window, annotate_menu)
    for i, kind in enumerate(HIGHLIGHT_COLOURS):
        label = f"Highlight as {KIND_LABELS.get(kind, kind).replace('&', '')}"
        action = add(label, f"Ctrl+{i + 1}" if i < 9 else None)
        action.setIcon(swatch_icon(HIGHLIGHT_COLOURS[kind]))
        action.triggered.connect(lambda _c=False, k=kind: session.highlight_selection(k))
        actions.kinds[kind] = action
    actions.highlight = add("&Highlight…", "Ctrl+H", session.highlight_with_dialog)
    actions.custom_colour = add(
        "Highlight in a Colour…", "Ctrl+Shift+H", session.highlight_with_colour
    )
    actions.edit_note = add("Edit &Note…", "Ctrl+Shift+N", session.edit_note_at_selection)
    annotate_menu.addSeparator()
    actions.mark_contradiction = add("&Mark Contradiction", "Ctrl+M", session.mark_contradiction)
    actions.cancel_pending = add(
        "Cancel Pending Contradiction", "Ctrl+Alt+M", session.cancel_pending_contradiction
    )
    annotate_menu.addSeparator()
    actions.retry = add("&Retry Saving Annotations", "Ctrl+Shift+R", session.retry_saving)
    return actions


def pane_context_menu(
    session: AnnotationSession, base: QMenu, highlight_id: str | None, has_selection: bool
) -> QMenu:
    """The standard copy/select menu of a pane plus the annotation commands that apply."""
    acts = session.actions
    base.addSeparator()
    if has_selection:
        sub = base.addMenu("Highlight as")
        for action in acts.kinds.values():
            sub.addAction(action)
        for extra in (acts.highlight, acts.custom_colour, acts.mark_contradiction):
            if extra is not None:
                base.addAction(extra)
    if highlight_id is not None:
        edit = base.addAction("Edit Highlight…")
        edit.triggered.connect(lambda: session.edit_highlight(highlight_id))
        remove = base.addAction("Remove Highlight")
        remove.triggered.connect(lambda: session.controller.remove_highlight(highlight_id))
    return base
