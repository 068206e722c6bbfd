"""Choose a highlight's kind, colour and note (new highlight or edit of one)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.core.annotations import colour_for
from app.core.thresholds import HIGHLIGHT_COLOURS

QUOTE_PREVIEW_CHARS = 240


@dataclass(frozen=True)
class HighlightChoice:
    """What the user chose: kind, colour (hex) and note."""

    kind: str
    colour: str
    note: str


def swatch_style(colour: str) -> str:
    return f"background: {colour}; border: 1px solid #868e96; min-width: 48px; min-height: 18px;"


class HighlightDialog(QDialog):
    """Kind (the four standard kinds or "custom"), a colour button, and a note."""

    def __init__(self, quote: str, choice: HighlightChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Highlight")
        self.colour = choice.colour
        self.kind = QComboBox(self)
        # Shown capitalised as in the Annotate menu ("Evidence"); the stored kind is the data.
        for kind in [*HIGHLIGHT_COLOURS, "custom"]:
            self.kind.addItem(kind.capitalize(), kind)
        if self.kind.findData(choice.kind) < 0:
            self.kind.addItem(choice.kind.capitalize(), choice.kind)
        self.kind.setCurrentIndex(self.kind.findData(choice.kind))
        self.colour_button = QPushButton("Choose…", self)
        self.note = QPlainTextEdit(choice.note, self)
        self.note.setPlaceholderText("Why this passage matters (optional)")
        quote_label = QLabel(quote_preview(quote), self)
        quote_label.setWordWrap(True)
        quote_label.setStyleSheet("font-style: italic; color: #495057;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        form = QFormLayout(self)
        form.addRow("Passage:", quote_label)
        form.addRow("Kind:", self.kind)
        form.addRow("Colour:", self.colour_button)
        form.addRow("Note:", self.note)
        form.addRow(buttons)
        self._show_colour()
        self._connect_signals(buttons)

    def _connect_signals(self, buttons: QDialogButtonBox) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.colour_button.clicked.connect(self._on_colour_button_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def _on_kind_current_index_changed(self, _index: int) -> None:
        if self.kind_value() in HIGHLIGHT_COLOURS:
            self.colour = colour_for(self.kind_value())
            self._show_colour()

    def kind_value(self) -> str:
        """The chosen kind as stored ("evidence"), not as shown ("Evidence")."""
        return str(self.kind.currentData())

    def _on_colour_button_clicked(self) -> None:
        picked = QColorDialog.getColor(QColor(self.colour), self, "Highlight colour")
        if picked.isValid():
            self.colour = picked.name()
            if self.kind_value() in HIGHLIGHT_COLOURS:
                self.kind.setCurrentIndex(self.kind.findData("custom"))
            self._show_colour()

    def _show_colour(self) -> None:
        self.colour_button.setStyleSheet(swatch_style(self.colour))

    def choice(self) -> HighlightChoice:
        return HighlightChoice(self.kind_value(), self.colour, self.note.toPlainText())


def ask_highlight(
    parent: QWidget | None, quote: str, current: HighlightChoice
) -> HighlightChoice | None:
    """Show the dialog; the user's choice, or None if cancelled. Tests patch this function."""
    dialog = HighlightDialog(quote, current, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_colour(parent: QWidget | None, start: str) -> str | None:
    """A QColorDialog for a custom-coloured highlight; hex colour or None."""
    picked = QColorDialog.getColor(QColor(start), parent, "Highlight colour")
    return picked.name() if picked.isValid() else None


def quote_preview(quote: str) -> str:
    quote = " ".join(quote.split())
    if len(quote) > QUOTE_PREVIEW_CHARS:
        quote = quote[: QUOTE_PREVIEW_CHARS - 1] + "…"
    return f"“{quote}”"
