"""The store refused a change: say why, keep the change on screen, offer to retry."""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

Choice = Literal["retry", "later", "discard"]


def ask_store_retry(parent: QWidget | None, message: str, pending: int) -> Choice:
    """Explain the failed save; the user's choice. Tests patch this function.

    "later" keeps the change(s) pending (Annotate → Retry Saving Annotations, or the status-bar
    button, tries again); "discard" drops them from the screen.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Annotation not saved")
    changes = "change is" if pending == 1 else f"{pending} changes are"
    box.setText(
        f"Parallax could not save your annotation.\n\n{message}\n\n"
        f"The {changes} still shown and kept until saved. Free some disk space or make the "
        "folder writable, then choose Retry."
    )
    retry = box.addButton("Retry", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Keep and Retry Later", QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton("Discard Change", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    if clicked is discard:
        return "discard"
    return "retry" if clicked is retry else "later"  # "later" also when the box is closed
