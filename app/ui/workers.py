"""Background work in one shape (after Anki's QueryOp): run a core function off the GUI thread.

A `BackgroundOp` runs `fn(progress, cancel)` on the global QThreadPool and reports through Qt
signals, which Qt delivers on the GUI thread: `started`, `progress(fraction, label)` (throttled to
one signal per PROGRESS_INTERVAL_MS, the last always sent), `finished(result)` and
`failed(exception)`. The function never touches widgets; it only calls the callback it is given.

Every op that has started and not yet returned is listed here (`live_count`), so the window can
stop them all when it closes (`stop_all`): a pool thread still running Python while the
interpreter shuts down aborts the process ("Error calling Python override of QRunnable::run()").
An exit hook does the same for any other way out (QApplication.quit, a test run's end).
"""

from __future__ import annotations

import atexit
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from app.core.errors import Cancelled
from app.core.progress import CancelToken, ProgressFn
from app.core.thresholds import CLOSE_WAIT_MS, PROGRESS_INTERVAL_MS

WorkFn = Callable[[ProgressFn, CancelToken], Any]

# The cancel tokens of the work queued or running on the pool: added on the GUI thread when an
# op starts, removed by the pool thread when its function returns.
_live: set[CancelToken] = set()
_live_lock = threading.Lock()


def _register(token: CancelToken) -> None:
    with _live_lock:
        _live.add(token)
    _stop_on_quit()


def _stop_on_quit() -> None:
    """Once per application: when it quits (also without a window closing, as a screenshot
    run does), stop every op while the objects their results go to still exist."""
    app = QCoreApplication.instance()
    if app is not None and not app.property("parallax_stops_ops"):
        app.setProperty("parallax_stops_ops", True)
        app.aboutToQuit.connect(lambda: stop_all() if live_count() else None)


def _unregister(token: CancelToken) -> None:
    with _live_lock:
        _live.discard(token)


def live_count() -> int:
    """How many ops are queued or running (what a close has to wait for)."""
    with _live_lock:
        return len(_live)


def cancel_all() -> int:
    """Ask every queued or running op to stop; returns how many there were."""
    with _live_lock:
        tokens = list(_live)
    for token in tokens:
        token.cancel()
    return len(tokens)


def stop_all(timeout_ms: int = CLOSE_WAIT_MS) -> bool:
    """Cancel every op and wait (at most `timeout_ms`) until the pool has no work left.

    True when the pool is idle. The wait releases the GIL, so the pool threads finish their
    Python code meanwhile; their result signals stay queued for an event loop that may never
    run again, which is what a closing window wants.
    """
    cancel_all()
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms))


@atexit.register
def _stop_all_at_exit() -> None:
    # Exit hooks run last-registered first: this one, registered after PySide was imported,
    # runs before PySide's clean-up, while the pool threads can still run their Python code.
    if live_count():
        stop_all()


class _Signals(QObject):
    started = Signal()
    progressed = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    """The thread side: calls the function and emits; holds no widget."""

    def __init__(self, fn: WorkFn, signals: _Signals, cancel: CancelToken) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals
        self._cancel = cancel
        self._last_emit = 0.0
        self.setAutoDelete(True)

    def _progress(self, fraction: float, label: str) -> None:
        # Batch: a tight core loop may call this thousands of times a second; the GUI needs ~20.
        now = time.monotonic()
        if fraction < 1.0 and (now - self._last_emit) * 1000 < PROGRESS_INTERVAL_MS:
            return
        self._last_emit = now
        self._signals.progressed.emit(fraction, label)

    def run(self) -> None:
        try:
            self._run()
        finally:
            _unregister(self._cancel)

    def _run(self) -> None:
        if self._cancel.cancelled:  # cancelled while queued (a closing window): skip the work
            self._signals.failed.emit(Cancelled("cancelled"))
            return
        self._signals.started.emit()
        try:
            result = self._fn(self._progress, self._cancel)
        except BaseException as exc:
            self._signals.failed.emit(exc)
            return
        self._signals.finished.emit(result)


class BackgroundOp(QObject):
    """One piece of background work with progress and cancel.

    Usage: `op = BackgroundOp(fn, parent=window)`, connect `finished`/`failed`/`progressed`,
    then `op.start()`. `op.cancel()` asks the function to stop (it raises Cancelled at its next
    check, which arrives as `failed`).
    """

    started = Signal()
    progressed = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: WorkFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self.cancel_token = CancelToken()
        self._signals = _Signals()
        self.running = False
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._signals.started.connect(self.started)
        self._signals.progressed.connect(self.progressed)
        self._signals.finished.connect(self._on_signals_finished)
        self._signals.failed.connect(self._on_signals_failed)

    def start(self) -> None:
        """Queue the work on the global thread pool."""
        self.running = True
        _register(self.cancel_token)
        QThreadPool.globalInstance().start(_Runnable(self._fn, self._signals, self.cancel_token))

    def cancel(self) -> None:
        """Ask the work to stop at its next cancel check."""
        self.cancel_token.cancel()

    def _on_signals_finished(self, result: object) -> None:
        self.running = False
        self.finished.emit(result)

    def _on_signals_failed(self, exc: object) -> None:
        self.running = False
        self.failed.emit(exc)
