"""BackgroundOp: results, failures, throttled progress and cancel, delivered on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from app.core.errors import Cancelled
from app.core.progress import CancelToken, ProgressFn
from app.ui.workers import BackgroundOp


def test_result_arrives_on_gui_thread(qtbot: QtBot) -> None:
    threads: list[str] = []

    def work(progress: ProgressFn, cancel: CancelToken) -> int:
        threads.append(threading.current_thread().name)
        return 42

    op = BackgroundOp(work)
    seen: list[bool] = []
    op.finished.connect(lambda _r: seen.append(QThread.currentThread() is op.thread()))
    with qtbot.waitSignal(op.finished, timeout=5000) as blocker:
        op.start()
    assert blocker.args == [42]
    assert seen == [True]
    assert threads and threads[0] != threading.main_thread().name
    assert not op.running


def test_failure_is_reported_not_raised(qtbot: QtBot) -> None:
    def work(progress: ProgressFn, cancel: CancelToken) -> None:
        raise ValueError("boom")

    op = BackgroundOp(work)
    with qtbot.waitSignal(op.failed, timeout=5000) as blocker:
        op.start()
    assert isinstance(blocker.args[0], ValueError)
    assert str(blocker.args[0]) == "boom"


def test_progress_is_batched_and_the_last_step_always_sent(qtbot: QtBot) -> None:
    def work(progress: ProgressFn, cancel: CancelToken) -> None:
        for i in range(20000):
            progress(i / 20000, "working")
        progress(1.0, "done")

    op = BackgroundOp(work)
    steps: list[float] = []
    op.progressed.connect(lambda f, _l: steps.append(f))
    with qtbot.waitSignal(op.finished, timeout=10000):
        op.start()
    assert steps[-1] == 1.0
    assert len(steps) < 2000  # far fewer signals than calls


def test_cancel_stops_the_work(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(progress: ProgressFn, cancel: CancelToken) -> None:
        started.set()
        while True:
            cancel.check()

    op = BackgroundOp(work)
    with qtbot.waitSignal(op.failed, timeout=5000) as blocker:
        op.start()
        started.wait(5)
        op.cancel()
    assert isinstance(blocker.args[0], Cancelled)


def test_status_line_says_large_cases_are_matched_by_wording() -> None:
    from app.core.thresholds import SEM_MAX_DOCUMENTS
    from app.ui.case_loader import matching_status

    assert matching_status(5).startswith("Meaning-aware matching: on")
    assert matching_status(SEM_MAX_DOCUMENTS + 1) == (
        f"Meaning-aware matching: off for cases over {SEM_MAX_DOCUMENTS} articles"
    )
