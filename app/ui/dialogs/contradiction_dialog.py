"""The note of a contradiction, with both passages shown side by side for context."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from app.ui.dialogs.highlight_dialog import quote_preview


class ContradictionDialog(QDialog):
    """Shows (outlet, quote) of both sides and edits the note."""

    def __init__(
        self,
        side_a: tuple[str, str],
        side_b: tuple[str, str],
        note: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Contradiction")
        self.setMinimumWidth(560)
        grid = QGridLayout(self)
        for column, (outlet, quote) in enumerate((side_a, side_b)):
            head = QLabel(f"<b>{outlet}</b>", self)
            body = QLabel(quote_preview(quote), self)
            body.setWordWrap(True)
            body.setStyleSheet("font-style: italic; color: #495057;")
            grid.addWidget(head, 0, column)
            grid.addWidget(body, 1, column)
        self.note = QPlainTextEdit(note, self)
        self.note.setPlaceholderText("How do they disagree? (optional)")
        grid.addWidget(QLabel("Note:", self), 2, 0, 1, 2)
        grid.addWidget(self.note, 3, 0, 1, 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        grid.addWidget(buttons, 4, 0, 1, 2)


def ask_contradiction_note(
    parent: QWidget | None, side_a: tuple[str, str], side_b: tuple[str, str], note: str = ""
) -> str | None:
    """Show the dialog; the note, or None if cancelled. Tests patch this function."""
    dialog = ContradictionDialog(side_a, side_b, note, parent)
    return dialog.note.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None
