"""Closing the window safely: background work stopped first, unsaved annotations never lost
silently, and a load that opened nothing leaves no stale status behind."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from app.core.errors import Cancelled
from app.core.model import Alignment
from app.core.progress import CancelToken, ProgressFn
from app.ui import store_status, workers
from app.ui.main_window import NOTHING_OPENED, MainWindow, status_text
from app.ui.store_status import CloseChoice
from app.ui.workers import BackgroundOp

from .annotation_helpers import (  # the fixture is autouse: no modal store dialog can block
    no_blocking_store_dialogs,  # noqa: F401
    select_text,
    shown_window,
    stored,
)
from .fixtures import SHARED

GIVE_UP_S = 20.0  # a work function that is never cancelled still ends, so a failure can't hang


def _until_cancelled(started: threading.Event, cancel: CancelToken) -> str:
    """Work that only ends when cancelled (or, on failure of the test, after GIVE_UP_S)."""
    started.set()
    deadline = time.monotonic() + GIVE_UP_S
    while time.monotonic() < deadline:
        cancel.check()
        time.sleep(0.005)
    return "never cancelled"


def _pool_idle() -> bool:
    return QThreadPool.globalInstance().activeThreadCount() == 0 and workers.live_count() == 0


def test_closing_cancels_running_work_and_waits_for_the_pool(
    qtbot: QtBot, alignment: Alignment
) -> None:
    window = shown_window(qtbot, alignment)
    started = threading.Event()
    op = BackgroundOp(lambda _p, cancel: _until_cancelled(started, cancel), window)
    op.start()
    assert started.wait(5)
    window.close()
    assert op.cancel_token.cancelled
    assert _pool_idle()  # closeEvent returned only after the work stopped
    assert not window.isVisible()


def test_closing_during_a_load_stops_it_before_returning(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()
    outcome: list[str] = []

    def load(_paths: list[str], _progress: ProgressFn, cancel: CancelToken) -> str:
        try:
            return _until_cancelled(started, cancel)
        except Cancelled:
            outcome.append("cancelled")
            raise

    monkeypatch.setattr("app.ui.main_window.load_and_align", load)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_files(["a.txt", "b.txt"])
    assert started.wait(5)
    window.close()
    assert outcome == ["cancelled"]
    assert _pool_idle()


def test_closing_stops_the_flags_search(
    qtbot: QtBot, alignment: Alignment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flags controller hands its op's cancel token to find_flags, which stops on close."""
    started = threading.Event()
    outcome: list[str] = []

    def slow_find_flags(alignment: Alignment, cancel: CancelToken) -> list[object]:
        started.set()
        deadline = time.monotonic() + GIVE_UP_S
        try:
            while time.monotonic() < deadline:
                for _match in alignment.matches:  # as find_flags walks them
                    cancel.check()
                    time.sleep(0.001)
        except Cancelled:
            outcome.append("cancelled")
            raise
        outcome.append("ran to the end")
        return []

    monkeypatch.setattr("app.core.flags.find_flags", slow_find_flags)
    window = shown_window(qtbot, alignment)  # showing a comparison starts the flags search
    flags_op = window.annotations.flags.op
    assert flags_op is not None and alignment.matches
    assert started.wait(5)
    window.close()
    assert flags_op.cancel_token.cancelled
    assert outcome == ["cancelled"]
    assert _pool_idle()


def test_work_cancelled_before_it_runs_is_skipped(qtbot: QtBot) -> None:
    ran: list[bool] = []
    op = BackgroundOp(lambda _p, _c: ran.append(True))
    with qtbot.waitSignal(op.failed, timeout=5000) as blocker:
        blocker_started = threading.Event()
        # Hold the pool's only free slots so the op is still queued when everything is cancelled.
        holders = [
            BackgroundOp(lambda _p, c: _until_cancelled(blocker_started, c))
            for _ in range(QThreadPool.globalInstance().maxThreadCount())
        ]
        for holder in holders:
            holder.start()
        op.start()
        assert workers.stop_all()
    assert isinstance(blocker.args[0], Cancelled)
    assert ran == []
    assert _pool_idle()


# --- unsaved annotations -------------------------------------------------------------------


@pytest.fixture
def unwritable_home(tmp_path: Path) -> Path:
    """PARALLAX_HOME (tmp_path, see conftest) whose store path is a folder: nothing saves."""
    folder = tmp_path / "parallax.db"
    folder.mkdir()
    return folder


def _highlight_unsaved(window: MainWindow) -> str:
    select_text(window.case_view.panes[0], SHARED["bases"][0])
    window.annotations.actions.kinds["claim"].trigger()
    controller = window.annotations.controller
    assert len(controller.pending) == 1  # the store refused it; it is only on screen
    return next(iter(controller.state.highlights))


def _answer(
    monkeypatch: pytest.MonkeyPatch, choice: CloseChoice, asked: list[str] | None = None
) -> list[str]:
    """Make the close question answer `choice` at once; returns the texts it was asked with."""
    texts = asked if asked is not None else []

    def ask(_parent: object, text: str, answer: object) -> None:
        texts.append(text)
        assert callable(answer)
        answer(choice)

    monkeypatch.setattr(store_status, "ask_unsaved_close", ask)
    return texts


def test_close_with_unsaved_highlights_asks_and_cancel_keeps_the_window(
    qtbot: QtBot, alignment: Alignment, monkeypatch: pytest.MonkeyPatch, unwritable_home: Path
) -> None:
    window = shown_window(qtbot, alignment)
    _highlight_unsaved(window)
    asked = _answer(monkeypatch, "cancel")
    window.close()
    qtbot.wait(50)  # a close approved by the answer would happen on the next loop turn
    assert len(asked) == 1
    assert asked[0].startswith(f"1 annotation change could not be saved to {unwritable_home}: ")
    assert "folder" in asked[0]  # the reason, in the store's words
    assert window.isVisible()
    assert len(window.annotations.controller.pending) == 1  # still kept for a retry


def test_save_to_file_writes_every_highlight_then_closes(
    qtbot: QtBot,
    alignment: Alignment,
    monkeypatch: pytest.MonkeyPatch,
    unwritable_home: Path,
    tmp_path: Path,
) -> None:
    window = shown_window(qtbot, alignment)
    hid = _highlight_unsaved(window)
    out = tmp_path / "saved" / "annotations.json"
    out.parent.mkdir()
    defaults: list[str] = []

    def choose(_parent: object, default: str) -> str:
        defaults.append(default)
        return str(out)

    monkeypatch.setattr(store_status, "choose_export_path", choose)
    _answer(monkeypatch, "save")
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert Path(defaults[0]).parent == Path.home()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 1
    item = data["first"]["items"][0]
    assert item["id"] == f"urn:uuid:{hid}"
    assert item["target"]["selector"][0]["exact"] == SHARED["bases"][0]
    assert [b["value"] for b in item["body"]] == ["claim"]


def test_save_cancelled_in_the_file_chooser_keeps_the_window(
    qtbot: QtBot, alignment: Alignment, monkeypatch: pytest.MonkeyPatch, unwritable_home: Path
) -> None:
    window = shown_window(qtbot, alignment)
    _highlight_unsaved(window)
    monkeypatch.setattr(store_status, "choose_export_path", lambda _p, _d: "")
    asked = _answer(monkeypatch, "save")
    window.close()
    qtbot.wait(50)
    assert len(asked) == 1
    assert window.isVisible()


def test_close_without_saving_closes(
    qtbot: QtBot, alignment: Alignment, monkeypatch: pytest.MonkeyPatch, unwritable_home: Path
) -> None:
    window = shown_window(qtbot, alignment)
    _highlight_unsaved(window)
    asked = _answer(monkeypatch, "close")
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert len(asked) == 1


def test_close_first_retries_and_saves_when_the_store_works_again(
    qtbot: QtBot, alignment: Alignment, monkeypatch: pytest.MonkeyPatch, unwritable_home: Path
) -> None:
    window = shown_window(qtbot, alignment)
    hid = _highlight_unsaved(window)
    asked = _answer(monkeypatch, "cancel")
    unwritable_home.rmdir()  # the user fixed the folder
    window.close()
    assert asked == []
    assert not window.isVisible()
    window.annotations.controller.open_store()  # read what the close saved
    assert [h.id for h in stored(window)[0]] == [hid]
    window.annotations.controller.close()


# --- a load that opens nothing -------------------------------------------------------------


def test_status_says_when_no_article_could_be_opened(qtbot: QtBot, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.load_failed, timeout=10000):
        window.open_files([str(empty)])
    assert window.status_label.text() == NOTHING_OPENED
    assert not window.progress.isVisible()


def test_status_of_the_open_case_comes_back_when_added_files_all_fail(
    qtbot: QtBot, alignment: Alignment, tmp_path: Path
) -> None:
    window = shown_window(qtbot, alignment)
    window.matching_label.setText("Meaning-aware matching: on")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with qtbot.waitSignal(window.load_failed, timeout=60000):
        window.open_files([str(empty)])
    assert window.status_label.text() == status_text(alignment)
    assert window.matching_label.text() == "Meaning-aware matching: on"
