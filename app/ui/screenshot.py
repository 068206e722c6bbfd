"""`--screenshot`: wait until the documents are aligned and painted, save the window, quit."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow

FLAGS_WAIT_MS = 15_000  # how long a screenshot waits for the flags before it is taken anyway


class ScreenshotTaker(QObject):
    """Saves `window` to `path` after `alignment_shown`; `error` is set if that fails."""

    def __init__(self, window: MainWindow, path: str, timeout_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.error = ""
        self._settling = False
        window.alignment_shown.connect(self._on_window_alignment_shown)
        window.load_failed.connect(self._on_window_load_failed)
        QTimer.singleShot(timeout_ms, self._on_timeout)

    def _on_window_alignment_shown(self) -> None:
        # Wait for the flags search that starts with the panes (about a second on the seeds) so
        # the picture shows its results, but never for long: a picture without them beats none.
        flags = self.window.annotations.flags
        if flags.op is not None and flags.op.running:
            flags.flags_found.connect(self._on_flags_found)
            QTimer.singleShot(FLAGS_WAIT_MS, self._settle)
        else:
            self._settle()

    def _on_flags_found(self, _count: int) -> None:
        self._settle()

    def _settle(self) -> None:
        # Once only (flags found, or their wait ran out). Let layout and painting settle (two
        # event-loop turns), and select the richest family so the picture shows the
        # comparison panel at work.
        if self._settling:
            return
        self._settling = True
        QTimer.singleShot(50, self._select)

    def _select(self) -> None:
        self.window.case_view.select_first_shared_family()
        QTimer.singleShot(100, self._save)

    def _save(self) -> None:
        if not self.window.grab().save(self.path):
            self.error = f"could not write {self.path}"
        QApplication.quit()

    def _on_window_load_failed(self, message: str) -> None:
        self.error = message
        QApplication.quit()

    def _on_timeout(self) -> None:
        self.error = "timed out waiting for the alignment"
        QApplication.quit()
