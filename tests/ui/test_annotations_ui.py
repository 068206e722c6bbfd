"""Highlights, notes, contradictions, undo/redo and store failures in the reader window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from app.core.annotations import colour_for
from app.core.errors import StoreError
from app.core.model import Alignment
from app.core.store import RecoveryReport
from app.core.thresholds import HIGHLIGHT_COLOURS
from app.ui.annotate_menu import pane_context_menu
from app.ui.annotations_controller import AnnotationsController
from app.ui.dialogs import contradiction_dialog, highlight_dialog, store_error_dialog
from app.ui.dialogs.highlight_dialog import HighlightChoice
from app.ui.main_window import MainWindow

from .annotation_helpers import (  # the fixture is autouse: no modal store dialog can block
    highlight_text,
    no_blocking_store_dialogs,  # noqa: F401
    select_text,
    shown_window,
    stored,
)
from .fixtures import SHARED


@pytest.fixture
def window(qtbot: QtBot, alignment: Alignment) -> MainWindow:
    return shown_window(qtbot, alignment)


def _mark(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, note: str) -> str:
    monkeypatch.setattr(contradiction_dialog, "ask_contradiction_note", lambda *a, **k: note)
    session = window.annotations
    select_text(window.case_view.panes[0], SHARED["bases"][0])
    session.actions.mark_contradiction.trigger()
    assert "now select the contradicting passage" in window.status_label.text()
    select_text(window.case_view.panes[1], SHARED["bases"][1])
    with qtbot.waitSignal(session.controller.contradiction_added, timeout=2000) as blocker:
        session.actions.mark_contradiction.trigger()
    return str(blocker.args[0])


def test_highlight_create_edit_undo_redo_reaches_the_store(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.annotations
    sentence = SHARED["drones"][0]
    hid = highlight_text(qtbot, window, 0, sentence, "evidence")
    highlights, _ = stored(window)
    assert [(h.id, h.exact, h.kind) for h in highlights] == [(hid, sentence, "evidence")]
    assert session.highlights_panel.visible_ids() == [hid]
    start = window.case_view.panes[0].doc.text.index(sentence)
    drawn = window.case_view.panes[0]._extra
    assert (start, start + len(sentence), HIGHLIGHT_COLOURS["evidence"], "highlight") in drawn

    choice = HighlightChoice("question", "#123456", "check with the ministry")
    monkeypatch.setattr(highlight_dialog, "ask_highlight", lambda *a: choice)
    session.highlights_panel.select_id(hid)
    session.highlights_panel.edit_button.click()
    h = stored(window)[0][0]
    assert (h.kind, h.colour, h.note) == ("question", "#123456", "check with the ministry")

    session.actions.undo.trigger()
    h = stored(window)[0][0]
    assert (h.kind, h.note) == ("evidence", "")
    session.actions.undo.trigger()
    assert stored(window)[0] == []
    assert session.highlights_panel.visible_ids() == []
    assert window.case_view.panes[0]._extra == []
    session.actions.redo.trigger()
    session.actions.redo.trigger()
    h = stored(window)[0][0]
    assert (h.id, h.kind, h.note) == (hid, "question", "check with the ministry")
    assert session.highlights_panel.visible_ids() == [hid]


def test_highlights_come_back_in_a_new_window(
    qtbot: QtBot, window: MainWindow, alignment: Alignment
) -> None:
    hid = highlight_text(qtbot, window, 1, SHARED["summit"][1], "claim")
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show_alignment(alignment)
    assert again.annotations.highlights_panel.visible_ids() == [hid]
    assert len(again.case_view.panes[1]._extra) == 1


def test_panel_filters_by_kind_and_text(qtbot: QtBot, window: MainWindow) -> None:
    a = highlight_text(qtbot, window, 0, SHARED["bases"][0], "claim")
    b = highlight_text(qtbot, window, 1, SHARED["drones"][1], "question")
    panel = window.annotations.highlights_panel
    assert set(panel.visible_ids()) == {a, b}
    panel.kind_filter.setCurrentText("question")
    assert panel.visible_ids() == [b]
    panel.kind_filter.setCurrentText("All kinds")
    panel.search.setText("military bases")
    assert panel.visible_ids() == [a]


def test_jump_to_highlight_centres_its_pane(qtbot: QtBot, window: MainWindow) -> None:
    text = window.case_view.panes[0].doc.text
    last = text.split("\n\n")[-1]
    hid = highlight_text(qtbot, window, 0, last, "claim")
    pane = window.case_view.panes[0]
    pane.scroll_bar().setValue(0)
    window.annotations.jump_to_highlight(hid)
    assert pane.scroll_bar().value() > 0


def test_mark_contradiction_between_two_panes(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = _mark(qtbot, window, monkeypatch, "Russia or the US?")
    highlights, contradictions = stored(window)
    assert sorted(h.kind for h in highlights) == ["contradiction", "contradiction"]
    assert {h.exact for h in highlights} == {SHARED["bases"][0], SHARED["bases"][1]}
    assert [(c.id, c.note, c.origin) for c in contradictions] == [
        (cid, "Russia or the US?", "user")
    ]
    rows = window.annotations.contradictions_panel.rows
    assert [(r.a_outlet, r.b_outlet, r.note) for r in rows] == [
        ("Alpha Times", "Beta News", "Russia or the US?")
    ]
    band = window.case_view.bands[0]
    assert len(window.annotations.painter.links_between(band)) == 1
    styles = [e[3] for e in window.case_view.panes[1]._extra]
    assert styles == ["contradiction"]


def test_removing_a_linked_highlight_then_undo_restores_both(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = _mark(qtbot, window, monkeypatch, "")
    highlights, _ = stored(window)
    window.annotations.controller.remove_highlight(highlights[0].id)
    after, links = stored(window)
    assert len(after) == 1 and links == []
    assert window.annotations.contradictions_panel.rows == []
    window.annotations.actions.undo.trigger()
    restored, links = stored(window)
    assert {h.id for h in restored} == {h.id for h in highlights}
    assert [c.id for c in links] == [cid]
    assert len(window.annotations.contradictions_panel.rows) == 1


def test_store_error_shows_dialog_and_keeps_the_change_pending(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def refuse(*_a: object) -> None:
        raise StoreError("/x/parallax.db: cannot write the annotation store: the disk is full")

    def ask(_parent: object, message: str, _count: int) -> str:
        asked.append(message)
        return "later"

    monkeypatch.setattr(store_error_dialog, "ask_store_retry", ask)
    repo = window.annotations.controller.repo
    monkeypatch.setattr(repo, "insert_highlight", refuse)
    select_text(window.case_view.panes[0], SHARED["bases"][0])
    window.annotations.actions.kinds["claim"].trigger()
    assert asked and "disk is full" in asked[0]
    assert stored(window)[0] == []
    session = window.annotations
    assert len(session.highlights_panel.rows) == 1 and session.highlights_panel.rows[0].unsaved
    assert len(window.case_view.panes[0]._extra) == 1  # still on screen
    assert session.store_status.retry_button.isVisibleTo(window)

    monkeypatch.delattr(repo, "insert_highlight")  # the disk has room again
    session.retry_saving()
    highlights, _ = stored(window)
    assert [h.exact for h in highlights] == [SHARED["bases"][0]]
    assert not session.highlights_panel.rows[0].unsaved
    assert not session.store_status.retry_button.isVisibleTo(window)
    assert session.controller.stack.count() == 1  # and it can be undone
    session.actions.undo.trigger()
    assert stored(window)[0] == []


def test_unopenable_store_warns_and_keeps_highlights_pending(
    qtbot: QtBot,
    alignment: Alignment,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    no_modal_boxes: list[tuple[str, str]],
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("PARALLAX_HOME", str(not_a_folder / "home"))
    asked: list[str] = []
    monkeypatch.setattr(
        store_error_dialog, "ask_store_retry", lambda _p, m, _c: asked.append(m) or "later"
    )
    w = MainWindow()
    qtbot.addWidget(w)
    w.show_alignment(alignment)
    assert no_modal_boxes and no_modal_boxes[0][0] == "Annotations cannot be saved"
    assert w.annotations.store_status.store_label.isVisibleTo(w)
    assert "not open" in w.annotations.store_status.store_label.toolTip()
    select_text(w.case_view.panes[0], SHARED["bases"][0])
    w.annotations.actions.kinds["question"].trigger()
    assert asked and "not open" in asked[0]
    assert [r.unsaved for r in w.annotations.highlights_panel.rows] == [True]


def test_recovered_store_is_reported(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    report = RecoveryReport(tmp_path / "broken.db", tmp_path / "backup.db", 7, 2)
    monkeypatch.setattr(AnnotationsController, "open_store", lambda self, path=None: report)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, title, text, *a: shown.append((title, text))
    )
    w = MainWindow()
    qtbot.addWidget(w)
    assert shown and shown[0][0] == "Annotation store recovered"
    assert "7 highlights" in shown[0][1] and "2 contradictions" in shown[0][1]


def test_context_menu_offers_highlight_commands(qtbot: QtBot, window: MainWindow) -> None:
    hid = highlight_text(qtbot, window, 0, SHARED["bases"][0], "claim")
    base = QMenu()
    menu = pane_context_menu(window.annotations, base, hid, has_selection=True)
    labels = [a.text() for a in menu.actions()]
    assert "Highlight as" in labels and "Edit Highlight…" in labels
    remove = next(a for a in menu.actions() if a.text() == "Remove Highlight")
    remove.trigger()
    assert stored(window)[0] == []


def test_the_highlight_dialog_shows_kinds_as_the_menu_does_and_returns_stored_kinds(
    qtbot: QtBot,
) -> None:
    dialog = highlight_dialog.HighlightDialog(
        "a quote", HighlightChoice("evidence", colour_for("evidence"), "")
    )
    qtbot.addWidget(dialog)
    shown = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert "Evidence" in shown and "evidence" not in shown
    assert dialog.kind.currentText() == "Evidence"
    dialog.kind.setCurrentIndex(dialog.kind.findText("Question"))
    assert dialog.choice().kind == "question"
    assert dialog.choice().colour == colour_for("question")
