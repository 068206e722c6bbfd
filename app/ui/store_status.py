"""Telling the user about the annotation store: opened, recovered, refusing writes.

Owns two status-bar widgets (a "not being saved" warning and a Retry button shown while
changes are pending) and the retry loop: a refused change brings up the dialog, which can
retry at once, keep the change on screen for later, or discard it. Closing the window with
changes still pending tries once more, then asks whether to save them to a file, close
without them, or stay (`may_close`); nothing unsaved is dropped without the user's word.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QPushButton, QWidget

from app.core.counts import plural
from app.core.errors import StoreError
from app.core.w3c import write_json_atomic
from app.ui.annotations_controller import AnnotationsController
from app.ui.dialogs import store_error_dialog
from app.ui.error_dialogs import show_user_error

WARNING_STYLE = "color: #c92a2a;"
CloseChoice = Literal["save", "close", "cancel"]
EXPORT_FILTER = "W3C annotations (*.json);;All files (*)"


def unsaved_text(count: int, location: Path, reason: str) -> str:
    """'2 annotation changes could not be saved to /home/me/parallax.db: the disk is full.'"""
    reason = reason.replace(f"{location}: ", "").rstrip(".") or "the store refused them"
    if reason.startswith(f"{location} "):  # "/x/parallax.db is a folder, …" names it twice
        reason = "it" + reason[len(str(location)) :]
    return f"{plural(count, 'annotation change')} could not be saved to {location}: {reason}."


def ask_unsaved_close(parent: QWidget, text: str, answer: Callable[[CloseChoice], None]) -> None:
    """Ask, without blocking, what to do with unsaved changes on closing; `answer` gets the
    choice when the user makes it. Tests patch this function to answer at once.

    The box is window-modal and opened, not exec'd: a close that nobody answers (a test's
    teardown, a session ending) leaves the window open instead of hanging in a nested loop.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved annotations")
    box.setText(text)
    box.setInformativeText(
        "Save them to a file to keep them: once the store can be written again, the command "
        "“parallax highlights import FILE” puts them back. Or close without them."
    )
    save = box.addButton("Save Them to a File…", QMessageBox.ButtonRole.AcceptRole)
    close = box.addButton("Close Without Saving", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)

    def finished(_result: int) -> None:
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is save:
            answer("save")
        elif clicked is close:
            answer("close")
        else:
            answer("cancel")  # also when the box is closed with Esc or its title bar

    box.finished.connect(finished)
    box.open()


def choose_export_path(parent: QWidget, default: str) -> str:
    """The file the unsaved annotations go to ("" when the user cancels). Tests patch this."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "Save annotations to a file", default, EXPORT_FILTER
    )
    return path


def default_export_path() -> str:
    """In the home folder, named so it neither overwrites an earlier one nor hides."""
    stamp = datetime.now().strftime("%Y-%m-%d %H.%M")
    return str(Path.home() / f"Parallax unsaved annotations {stamp}.json")


class StoreStatus(QObject):
    """Store messages and the retry loop for `controller`, shown in `window`'s status bar."""

    def __init__(self, window: QMainWindow, controller: AnnotationsController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self._asking = False
        self._last_message = ""
        self._close_approved = False  # the user chose what happens to the unsaved changes
        self._close_asked = False  # the close question is on screen
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

    def may_close(self) -> bool:
        """True when the window may close now: nothing unsaved, saved at a last try, or the
        user already chose. Otherwise asks (see `ask_unsaved_close`) and returns False; the
        window is closed again once the user chooses to save to a file or close anyway."""
        if self._close_approved or not self.controller.pending:
            return True
        if self._close_asked:
            return False
        if self._retry_quietly():
            return True
        count = len(self.controller.pending)
        error = self.controller.open_error if self.controller.repo is None else None
        reason = str(error) if error is not None else self._last_message  # the root cause
        text = unsaved_text(count, self.controller.store_location(), reason)
        self._close_asked = True
        ask_unsaved_close(self.window, text, self._on_close_answered)
        return False

    def _retry_quietly(self) -> bool:
        """One more save of the pending changes, without the retry dialog on failure."""
        self._asking = True  # a failure only records its message
        try:
            return self.controller.retry_pending()
        finally:
            self._asking = False

    def _on_close_answered(self, choice: CloseChoice) -> None:
        self._close_asked = False
        if choice == "cancel" or (choice == "save" and not self.save_to_file()):
            return
        self._close_approved = True
        QTimer.singleShot(0, self.window.close)  # not inside the close that asked

    def save_to_file(self) -> bool:
        """Ask for a file and write every highlight and contradiction (unsaved ones too) to
        it as W3C JSON. False when the user cancels or the file cannot be written (said)."""
        path = choose_export_path(self.window, default_export_path())
        if not path:
            return False
        try:
            write_json_atomic(path, self.controller.annotations_w3c())
        except OSError as exc:
            QMessageBox.warning(
                self.window,
                "Annotations not saved",
                f"Could not write {path}: {exc.strerror or exc}. The window stays open.",
            )
            return False
        return True

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
