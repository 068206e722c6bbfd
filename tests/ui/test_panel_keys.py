"""Keyboard paths of the side panels: Delete removes, A/D/R review flags, the queue moves on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTreeWidget
from pytestqt.qtbot import QtBot

from app.core.model import Alignment
from app.ui.main_window import MainWindow
from app.ui.panels.flags_panel import FlagsPanel

from .annotation_helpers import (  # the fixture is autouse: no modal store dialog can block
    highlight_text,
    no_blocking_store_dialogs,  # noqa: F401
    select_text,
    shown_window,
    stored,
)
from .fixtures import SHARED, paired_alignment

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, alignment: Alignment) -> MainWindow:
    return shown_window(qtbot, alignment)


def _focus_row(tree: QTreeWidget, row: int) -> None:
    item = tree.topLevelItem(row)
    assert item is not None
    tree.setCurrentItem(item)
    tree.setFocus()


def _three_highlights(qtbot: QtBot, window: MainWindow) -> list[str]:
    texts = [SHARED["bases"][0], SHARED["drones"][0], SHARED["summit"][0]]
    return [highlight_text(qtbot, window, 0, text) for text in texts]


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_delete_key_removes_the_highlight_and_selects_the_next(
    qtbot: QtBot, window: MainWindow, key: Qt.Key
) -> None:
    ids = _three_highlights(qtbot, window)
    panel = window.annotations.highlights_panel
    shown = panel.visible_ids()
    assert sorted(shown) == sorted(ids)
    _focus_row(panel.tree, 1)
    doomed = shown[1]
    qtbot.keyClick(panel.tree, key)
    state = window.annotations.controller.state
    assert doomed not in state.highlights
    assert doomed not in {h.id for h in stored(window)[0]}
    assert panel.visible_ids() == [shown[0], shown[2]]
    # The row that took its place is selected: Delete again removes the next one.
    assert panel.current_id() == shown[2]
    assert panel.remove_button.isEnabled()
    qtbot.keyClick(panel.tree, key)
    assert panel.visible_ids() == [shown[0]]
    assert panel.current_id() == shown[0]  # the last went: the one before it


def test_delete_key_is_undone_like_the_button(qtbot: QtBot, window: MainWindow) -> None:
    hid = highlight_text(qtbot, window, 0, SHARED["bases"][0])
    panel = window.annotations.highlights_panel
    _focus_row(panel.tree, 0)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert panel.visible_ids() == []
    assert window.annotations.actions.undo.isEnabled()
    window.annotations.actions.undo.trigger()
    assert panel.visible_ids() == [hid]
    assert hid in {h.id for h in stored(window)[0]}


def test_delete_key_beats_a_window_shortcut_and_ignores_modifiers(
    qtbot: QtBot, window: MainWindow
) -> None:
    hid = highlight_text(qtbot, window, 0, SHARED["bases"][0])
    fired: list[bool] = []
    other = QAction("Something on Delete", window)
    other.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    other.triggered.connect(lambda: fired.append(True))
    window.addAction(other)
    panel = window.annotations.highlights_panel
    _focus_row(panel.tree, 0)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete, CTRL)
    assert panel.visible_ids() == [hid]  # Ctrl+Delete is not the panel's key
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert hid not in window.annotations.controller.state.highlights
    assert not fired
    assert "Delete" in panel.remove_button.toolTip()


def test_delete_key_removes_a_contradiction(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.dialogs import contradiction_dialog

    monkeypatch.setattr(contradiction_dialog, "ask_contradiction_note", lambda *a, **k: "x")
    session = window.annotations
    select_text(window.case_view.panes[0], SHARED["bases"][0])
    session.actions.mark_contradiction.trigger()
    select_text(window.case_view.panes[1], SHARED["bases"][1])
    with qtbot.waitSignal(session.controller.contradiction_added, timeout=2000) as blocker:
        session.actions.mark_contradiction.trigger()
    link = str(blocker.args[0])
    panel = session.contradictions_panel
    _focus_row(panel.tree, 0)
    assert panel.current_id() == link
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert link not in session.controller.state.contradictions
    assert stored(window)[1] == []
    assert panel.tree.topLevelItemCount() == 0
    session.actions.undo.trigger()
    assert link in session.controller.state.contradictions


# --- flags -------------------------------------------------------------------------------------
QUEUE = [  # four shared sentences whose numbers disagree: a queue of four flags
    (
        "Police said 12 people were killed in the blast in the market on Monday.",
        "Police said 15 people were killed in the blast in the market on Monday.",
    ),
    (
        "The ministry said the dam would be finished by 2031 at the latest.",
        "The ministry said the dam would be finished by 2027 at the latest.",
    ),
    (
        "Officials said 40 trucks of aid crossed the border during the night.",
        "Officials said 70 trucks of aid crossed the border during the night.",
    ),
    (
        "The company said it would cut 300 jobs at the plant next year.",
        "The company said it would cut 900 jobs at the plant next year.",
    ),
]


def queue_alignment() -> Alignment:
    """Two articles sharing the QUEUE sentences, one family each."""
    return paired_alignment(QUEUE)


@pytest.fixture
def flags_window(qtbot: QtBot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.annotations.flags.flags_found, timeout=20000) as blocker:
        w.show_alignment(queue_alignment())
    assert blocker.args[0] >= 4
    return w


def _focus_flag(panel: FlagsPanel, row: int) -> int:
    index = panel.visible_indexes()[row]
    panel.select_index(index)
    panel.tree.setFocus()
    return index


def _status(panel: FlagsPanel, index: int) -> str:
    return next(r.status for r in panel.rows if r.index == index)


def test_a_key_accepts_the_flag_and_moves_to_the_next(
    qtbot: QtBot, flags_window: MainWindow
) -> None:
    panel = flags_window.annotations.flags_panel
    first = _focus_flag(panel, 0)
    second = panel.visible_indexes()[1]
    qtbot.keyClick(panel.tree, Qt.Key.Key_A)
    assert _status(panel, first) == "accepted"
    links = list(flags_window.annotations.controller.state.contradictions.values())
    assert len(links) == 1 and links[0].origin == "flag"
    row = panel.current_row()
    assert row is not None and row.index == second
    assert row.a_passage in panel.evidence.toPlainText()
    assert panel.accept_button.isEnabled()


def test_a_key_on_an_accepted_flag_does_nothing(qtbot: QtBot, flags_window: MainWindow) -> None:
    panel = flags_window.annotations.flags_panel
    first = _focus_flag(panel, 0)
    qtbot.keyClick(panel.tree, Qt.Key.Key_A)
    panel.select_index(first)
    qtbot.keyClick(panel.tree, Qt.Key.Key_A)
    assert len(flags_window.annotations.controller.state.contradictions) == 1


@pytest.mark.parametrize("key", [Qt.Key.Key_D, Qt.Key.Key_Delete])
def test_dismiss_key_hides_the_flag_and_keeps_the_queue_moving(
    qtbot: QtBot, flags_window: MainWindow, key: Qt.Key
) -> None:
    panel = flags_window.annotations.flags_panel
    shown = panel.visible_indexes()
    _focus_flag(panel, 0)
    qtbot.keyClick(panel.tree, key)
    assert _status(panel, shown[0]) == "dismissed"
    assert panel.visible_indexes() == shown[1:]
    row = panel.current_row()
    assert row is not None and row.index == shown[1]
    # Dismissing the last row selects the one before it.
    _focus_flag(panel, len(shown) - 2)
    qtbot.keyClick(panel.tree, key)
    assert panel.visible_indexes() == shown[1:-1]
    row = panel.current_row()
    assert row is not None and row.index == shown[-2]
    assert panel.dismiss_button.isEnabled()


def test_dismiss_then_accept_skips_reviewed_flags(qtbot: QtBot, flags_window: MainWindow) -> None:
    panel = flags_window.annotations.flags_panel
    shown = panel.visible_indexes()
    _focus_flag(panel, 1)
    qtbot.keyClick(panel.tree, Qt.Key.Key_A)  # the second is accepted
    _focus_flag(panel, 0)
    qtbot.keyClick(panel.tree, Qt.Key.Key_D)  # the first dismissed: next open is the third
    row = panel.current_row()
    assert row is not None and row.index == shown[2]


def test_r_key_restores_a_dismissed_flag(qtbot: QtBot, flags_window: MainWindow) -> None:
    panel = flags_window.annotations.flags_panel
    first = _focus_flag(panel, 0)
    qtbot.keyClick(panel.tree, Qt.Key.Key_D)
    assert first not in panel.visible_indexes()
    panel.show_dismissed.setChecked(True)
    panel.select_index(first)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_R)
    assert _status(panel, first) == "open"
    panel.show_dismissed.setChecked(False)
    assert first in panel.visible_indexes()


def test_no_selection_shows_a_hint_and_tooltips_name_the_keys(
    flags_window: MainWindow,
) -> None:
    panel = flags_window.annotations.flags_panel
    panel.tree.setCurrentItem(None)  # type: ignore[arg-type]
    panel.tree.clearSelection()
    hint = panel.evidence.toPlainText()
    assert "Select a flag" in hint and "A accept" in hint and "D dismiss" in hint
    assert "(A)" in panel.accept_button.toolTip()
    assert "D" in panel.dismiss_button.toolTip() and "Delete" in panel.dismiss_button.toolTip()
    assert "(R)" in panel.restore_button.toolTip()
    _focus_flag(panel, 0)
    assert "Select a flag" not in panel.evidence.toPlainText()
