"""Shared helpers for the annotation UI tests: a window, text selection, a fresh store look."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.annotations import Contradiction, Highlight
from app.core.model import Alignment
from app.core.store import open_store
from app.ui import store_status
from app.ui.dialogs import store_error_dialog
from app.ui.main_window import MainWindow
from app.ui.panes.document_pane import DocumentPane


def shown_window(qtbot: QtBot, alignment: Alignment) -> MainWindow:
    """A shown main window on `alignment`, closed with the test."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_alignment(alignment)
    return window


def sized_window(qtbot: QtBot) -> MainWindow:
    """A main window of 1400 x 800, not shown yet, closed with the test."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1400, 800)
    return window


def highlight_text(
    qtbot: QtBot, window: MainWindow, pane: int, text: str, kind: str = "claim"
) -> str:
    """Select `text` in pane `pane` and highlight it as `kind` (Ctrl+1..4); the new id."""
    select_text(window.case_view.panes[pane], text)
    session = window.annotations
    with qtbot.waitSignal(session.controller.highlight_added, timeout=2000) as blocker:
        session.actions.kinds[kind].trigger()
    return str(blocker.args[0])


def select(pane: DocumentPane, start: int, end: int) -> None:
    """Select clean range [start, end) in `pane` as a user's drag would."""
    cursor = pane.view.textCursor()
    cursor.setPosition(pane.text_map.to_display(start))
    cursor.setPosition(pane.text_map.to_display_end(end), QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)


def select_text(pane: DocumentPane, text: str) -> tuple[int, int]:
    start = pane.doc.text.index(text)
    select(pane, start, start + len(text))
    return start, start + len(text)


def stored(window: MainWindow) -> tuple[list[Highlight], list[Contradiction]]:
    """What a *fresh* connection to the window's store file sees."""
    repo = window.annotations.controller.repo
    assert repo is not None
    with open_store(Path(repo.path)) as fresh:
        return fresh.list_highlights(), fresh.list_contradictions()


@pytest.fixture(autouse=True)
def no_blocking_store_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Store messages are recorded instead of opening a modal box that would block the run."""
    shown: list[str] = []

    def ask(_parent: object, message: str, _count: int) -> str:
        shown.append(message)
        return "later"

    monkeypatch.setattr(store_error_dialog, "ask_store_retry", ask)
    # A test that ends with unsaved changes closes its window at teardown: record the question
    # and leave it unanswered (no box is shown; the window goes when it is deleted). Tests of
    # the question itself patch it again.
    monkeypatch.setattr(
        store_status, "ask_unsaved_close", lambda _p, text, answer: shown.append(text)
    )
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    return shown
