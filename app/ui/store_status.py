"""Telling the user about the annotation store: opened, recovered, refusing writes.

Owns two status-bar widgets (a "not being saved" warning and a Retry button shown while
changes are pending) and the retry loop: a refused change brings up the dialog, which can
retry at once, keep the change on screen for later, or discard it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QPushButton

from app.core.errors import StoreError
from app.ui.annotations_controller import AnnotationsController
from app.ui.dialogs import store_error_dialog
from app.ui.error_dialogs import show_user_error

WARNING_STYLE = "color: #c92a2a;"


class StoreStatus(QObject):
    """Store messages and the retry loop for `controller`, shown in `window`'s status bar."""

    def __init__(self, window: QMainWindow, controller: AnnotationsController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self._asking = False
        self._last_message = ""
        self.retry_button = QPushButton("Unsaved annotations — Retry")
        self.retry_button.setStyleSheet(WARNING_STYLE + " font-weight: bold;")
        self.retry_button.hide()
        self.store_label = QLabel("Annotations are not being saved")
        self.store_label.setStyleSheet(WARNING_STYLE)
        self.store_label.hide()
        window.statusBar().addPermanentWidget(self.retry_button)
        window.statusBar().addPermanentWidget(self.store_label)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.controller.write_failed.connect(self._on_controller_write_failed)
        self.controller.pending_changed.connect(self._on_controller_pending_changed)
        self.retry_button.clicked.connect(self.retry_saving)

    def open_store(self, path: str | None = None) -> None:
        """Open the store; tell the user about a recovery or a store that cannot be opened."""
        try:
            report = self.controller.open_store(path)
        except StoreError as exc:
            show_user_error(self.window, exc, "Annotations cannot be saved")
            return
        if report is not None:
            QMessageBox.information(self.window, "Annotation store recovered", report.message)

    def show_problem(self, problem: StoreError | None) -> None:
        """Show (or clear) the warning that the open articles' annotations are not saved."""
        self.store_label.setVisible(problem is not None)
        self.store_label.setToolTip(str(problem or ""))

    def retry_saving(self) -> None:
        """Try the refused changes again, asking again while they still fail."""
        if not self.controller.pending:
            return
        self._asking = True
        try:
            while not self.controller.retry_pending():
                if not self._ask_after_failure(self._last_message):
                    break
        finally:
            self._asking = False

    def _ask_after_failure(self, message: str) -> bool:
        """True when the user wants another try now."""
        count = len(self.controller.pending)
        choice = store_error_dialog.ask_store_retry(self.window, message, count)
        if choice == "discard":
            self.controller.discard_pending()
        return choice == "retry"

    def _on_controller_write_failed(self, message: str) -> None:
        self._last_message = message
        if self._asking:
            return  # the loop that is already asking shows it
        self._asking = True
        try:
            while self._ask_after_failure(message) and not self.controller.retry_pending():
                message = self._last_message
        finally:
            self._asking = False

    def _on_controller_pending_changed(self, count: int) -> None:
        if count == 0 and self.controller.repo is not None:
            self.store_label.hide()  # everything on screen is saved again
        self.retry_button.setVisible(count > 0)
        self.retry_button.setText(f"{count} unsaved annotation change{'s' * (count != 1)} — Retry")
