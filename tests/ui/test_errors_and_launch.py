"""Error paths: bad files, failing work, the global handler, and starting without a display."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.errors import ParallaxError
from app.core.progress import CancelToken, ProgressFn
from app.ui import error_dialogs, launch

from .annotation_helpers import sized_window


def test_seeds_open_and_align(qtbot: QtBot) -> None:
    win = sized_window(qtbot)
    seeds = launch.seed_files()
    assert len(seeds) == 5
    with qtbot.waitSignal(win.alignment_shown, timeout=60000):
        win.open_files(seeds)
    assert len(win.case_view.panes) == 5
    assert win.status_label.text().startswith("5 articles · ")
    assert win.paths == seeds
    # The set-up installs the semantic extra, so the status bar must say it is on.
    assert win.matching_label.text().startswith("Meaning-aware matching: on")


def test_bad_file_gets_a_dialog_naming_it(
    qtbot: QtBot, tmp_path: Path, no_modal_boxes: list[tuple[str, str]]
) -> None:
    win = sized_window(qtbot)
    missing = str(tmp_path / "gone.txt")
    good = launch.seed_files()[:2]
    with qtbot.waitSignal(win.alignment_shown, timeout=60000):
        win.open_files([*good, missing])
    assert len(no_modal_boxes) == 1
    assert "gone.txt" in no_modal_boxes[0][1]
    assert "Traceback" not in no_modal_boxes[0][1]
    assert len(win.case_view.panes) == 2


def test_failing_load_shows_the_problem(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, no_modal_boxes: list[tuple[str, str]]
) -> None:
    def broken(paths: list[str], progress: ProgressFn, cancel: CancelToken) -> None:
        raise ParallaxError("the aligner ran out of patience")

    monkeypatch.setattr("app.ui.main_window.load_and_align", broken)
    win = sized_window(qtbot)
    with qtbot.waitSignal(win.load_failed, timeout=5000):
        win.open_files(["a.txt"])
    assert no_modal_boxes == [("Could not open a file", "the aligner ran out of patience")]
    assert not win.progress.isVisible()


def test_unexpected_error_is_logged_and_shown_with_copy_details(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    try:
        raise RuntimeError("unexpected thing")
    except RuntimeError:
        error_dialogs._excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 1
    box = shown[0]
    assert "Traceback" not in box.text()
    assert "RuntimeError: unexpected thing" in box.detailedText()
    assert any(b.text() == "Copy details" for b in box.buttons())
    log = Path(os.environ["PARALLAX_HOME"]) / "logs" / "parallax.log"
    assert "unexpected thing" in log.read_text(encoding="utf-8")


def test_no_display_without_screenshot_says_how(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert launch.run([]) == 2
    err = capsys.readouterr().err
    assert "xvfb-run" in err and "QT_QPA_PLATFORM=offscreen" in err
    assert len(err.strip().splitlines()) == 1


def test_seeds_click_selects_the_family_in_every_pane(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    win = sized_window(qtbot)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.alignment_shown, timeout=60000):
        win.open_files(launch.seed_files())
    alignment = win.case_view.alignment
    assert alignment is not None and alignment.families
    family = max(alignment.families, key=lambda f: len({s.doc_id for s in f.spans}))
    index = alignment.families.index(family)
    span = family.spans[0]
    pane = next(p for p in win.case_view.panes if p.doc.id == span.doc_id)
    pane.center_on(span.start, span.end)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.text_map.to_display(span.start + 2))
    rect = pane.view.cursorRect(cursor)
    with qtbot.waitSignal(win.case_view.family_selected) as blocker:
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] == index
    for p in win.case_view.panes:
        assert p.selected_spans() == [
            (s.start, s.end) for s in family.spans if s.doc_id == p.doc.id
        ]


def test_dropped_files_are_opened(qtbot: QtBot) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    win = sized_window(qtbot)
    seeds = launch.seed_files()[:2]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in seeds])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(win.alignment_shown, timeout=60000):
        win.dropEvent(event)
    assert win.paths == seeds
    assert [a.toolTip() for a in win.actions_.recent_menu.actions()] == seeds


def test_progress_bar_and_cancel_button_during_load(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(paths: list[str], progress: ProgressFn, cancel: CancelToken) -> None:
        progress(0.5, "Aligning")
        while True:
            cancel.check()

    monkeypatch.setattr("app.ui.main_window.load_and_align", slow)
    win = sized_window(qtbot)
    win.show()
    win.open_files(["a.txt", "b.txt"])
    assert win.op is not None
    with qtbot.waitSignal(win.op.progressed, timeout=5000):
        pass
    assert win.progress.isVisible() and win.cancel_button.isVisible()
    assert win.status_label.text() == "Aligning"
    with qtbot.waitSignal(win.load_failed, timeout=5000):
        win.cancel_button.click()
    assert win.status_label.text() == "Opening cancelled"
    assert not win.progress.isVisible()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_reported_and_the_app_and_store_keep_working(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in one slot must not end the session or the user's ability to save highlights."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(sys, "excepthook", error_dialogs._excepthook)
    win = sized_window(qtbot)
    with qtbot.waitSignal(win.alignment_shown, timeout=60000):
        win.open_files(launch.seed_files()[:2])

    def broken_slot() -> None:
        raise RuntimeError("a bug in a slot")

    win.alignment_shown.connect(broken_slot)
    win.alignment_shown.emit()  # Qt calls the slot; its exception goes to the global hook
    win.alignment_shown.disconnect(broken_slot)
    assert len(shown) == 1 and "unexpected" in shown[0].lower()

    from app.core.model import Span
    from app.core.store import open_store

    doc = win.case_view.alignment.documents[0]
    controller = win.annotations.controller
    hid = controller.add_highlight(Span(doc.id, 0, 20), "claim", "still saved")
    assert controller.repo is not None
    store = open_store(controller.repo.path)  # a fresh connection sees it: store intact
    try:
        assert [h.id for h in store.list_highlights(doc.id)] == [hid]
        integrity = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
        assert integrity == "ok"
    finally:
        store.close()


def test_the_desktop_app_never_forks_aligner_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    # Qt runs threads of its own; a forked worker would copy their locks (parallel.py).
    from app.core.align import parallel
    from app.ui.app_setup import create_application

    monkeypatch.delenv("PARALLAX_ALIGN_START", raising=False)
    monkeypatch.setattr(parallel, "_fork_allowed", True)
    create_application()
    assert not parallel._fork_allowed
    assert parallel.start_method() == "spawn"
