"""The Flags panel: flags computed in the background, accepted, dismissed and remembered."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.model import Alignment
from app.ui.main_window import MainWindow
from app.ui.panels.flags_panel import evidence_html

from .annotation_helpers import (  # the fixture is autouse: no modal store dialog can block
    no_blocking_store_dialogs,  # noqa: F401
    stored,
)
from .fixtures import paired_alignment

PAIRS = [
    (
        "Police said 12 people were killed in the blast in the market on Monday.",
        "Police said 15 people were killed in the blast in the market on Monday.",
    ),
    (
        "The ministry said the dam would be finished by 2031 at the latest.",
        "The ministry said the dam would be finished by 2027 at the latest.",
    ),
]


def flag_alignment() -> Alignment:
    """Two articles sharing two sentences whose numbers disagree."""
    return paired_alignment(PAIRS)


def _open(qtbot: QtBot, alignment: Alignment) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.annotations.flags.flags_found, timeout=20000) as blocker:
        window.show_alignment(alignment)
    assert blocker.args[0] >= 2
    return window


def test_flags_show_with_their_evidence(qtbot: QtBot) -> None:
    window = _open(qtbot, flag_alignment())
    panel = window.annotations.flags_panel
    values = {(r.a_passage[slice(*r.a_value)], r.b_passage[slice(*r.b_value)]) for r in panel.rows}
    assert ("12", "15") in values
    assert any("2031" in a and "2027" in b for a, b in values)
    panel.select_index(panel.visible_indexes()[0])
    shown = panel.evidence.toPlainText()
    row = panel.current_row()
    assert row is not None and row.a_passage in shown and row.b_passage in shown
    assert row.reason in shown
    assert "background:#ffc9c9" in evidence_html(row)


def test_accepting_a_flag_makes_a_contradiction(qtbot: QtBot) -> None:
    window = _open(qtbot, flag_alignment())
    panel = window.annotations.flags_panel
    index = panel.visible_indexes()[0]
    panel.select_index(index)
    row = panel.current_row()
    assert row is not None
    panel.accept_button.click()
    highlights, contradictions = stored(window)
    assert [c.origin for c in contradictions] == ["flag"]
    assert {h.exact for h in highlights} == {row.a_passage, row.b_passage}
    assert contradictions[0].note == row.reason
    assert next(r for r in panel.rows if r.index == index).status == "accepted"
    assert len(window.annotations.contradictions_panel.rows) == 1
    window.annotations.actions.undo.trigger()
    assert stored(window) == ([], [])
    assert next(r for r in panel.rows if r.index == index).status == "open"


def test_dismissed_flag_is_hidden_and_remembered(qtbot: QtBot) -> None:
    alignment = flag_alignment()
    window = _open(qtbot, alignment)
    panel = window.annotations.flags_panel
    before = panel.visible_indexes()
    index = before[0]
    panel.select_index(index)
    panel.dismiss_button.click()
    assert index not in panel.visible_indexes()
    assert len(panel.visible_indexes()) == len(before) - 1
    panel.show_dismissed.setChecked(True)
    assert index in panel.visible_indexes()
    window.close()

    again = _open(qtbot, alignment)  # a new window, a fresh store connection
    again_panel = again.annotations.flags_panel
    assert index not in again_panel.visible_indexes()
    assert next(r for r in again_panel.rows if r.index == index).status == "dismissed"
    again_panel.show_dismissed.setChecked(True)
    again_panel.select_index(index)
    again_panel.restore_button.click()
    assert index in again_panel.visible_indexes()
    assert next(r for r in again_panel.rows if r.index == index).status == "open"
