"""Errors in front of the user: a clear dialog, never a raw traceback.

`show_user_error` turns a ParallaxError (its message names the file and the problem) into a
warning box. `install_global_handler` routes every other exception -- and Qt's own critical
messages -- to the log file (app.core.logs) and a dialog with a "Copy details" button; the app
keeps running.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.core.errors import ParallaxError
from app.core.logs import log_dir, log_exception


def show_user_error(parent: QWidget | None, error: ParallaxError, title: str = "Parallax") -> None:
    """A warning box with the error's one-line message."""
    QMessageBox.warning(parent, title, str(error))


def show_user_errors(parent: QWidget | None, errors: list[ParallaxError]) -> None:
    """One box listing several files that could not be opened."""
    if not errors:
        return
    if len(errors) == 1:
        show_user_error(parent, errors[0], "Could not open a file")
        return
    lines = "\n".join(f"• {err}" for err in errors)
    QMessageBox.warning(parent, "Could not open some files", f"These files were skipped:\n{lines}")


def show_unexpected_error(parent: QWidget | None, exc: BaseException) -> None:
    """Log `exc` and show a dialog with a short message and a "Copy details" button."""
    path = log_exception(exc)
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Something went wrong")
    box.setText(
        "Parallax hit an unexpected problem and stopped that action. Your work is kept.\n\n"
        f"Details were written to {path}."
    )
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    if isinstance(exc, ParallaxError):
        log_exception(exc)
        show_user_error(QApplication.activeWindow(), exc)
        return
    show_unexpected_error(QApplication.activeWindow(), exc)


def _qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # Qt's warnings are noise to a user; keep them in the log for a bug report.
    if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
        return
    try:
        path = log_dir() / "qt.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"{mode.name}: {message}\n")
    except OSError:
        pass


def install_global_handler() -> None:
    """Route uncaught exceptions and Qt messages to the log and a dialog."""
    sys.excepthook = _excepthook
    qInstallMessageHandler(_qt_message_handler)
