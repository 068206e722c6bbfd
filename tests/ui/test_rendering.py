"""Pane rendering: formats land where the core says, laid out once, with no undo history."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from app.core.model import Document
from app.ui.panes.rendering import render
from app.ui.panes.text_map import TextMap

# One long line, as an article saved without paragraph breaks arrives.
TEXT = " ".join(
    f"Sentence {n} of an article that was saved as one single line." for n in range(400)
)
TINTS = [(s, s + 40, "#ffd8a8") for s in range(0, len(TEXT) - 40, 300)]


def _rendered(qtbot: QtBot) -> tuple[QTextBrowser, list[tuple[int, int, int]]]:
    view = QTextBrowser()
    qtbot.addWidget(view)
    view.show()
    changes: list[tuple[int, int, int]] = []
    view.document().contentsChange.connect(lambda *args: changes.append(args))
    doc = Document("one-line", "", "", "", "", "en", "", TEXT)
    render(view.document(), doc, TextMap(TEXT, []), TINTS)
    return view, changes


def test_a_one_line_article_is_laid_out_once_not_once_per_tint(qtbot: QtBot) -> None:
    view, changes = _rendered(qtbot)
    assert len(TINTS) > 40
    # The old text out and the new text in, then every format change together: re-laying a
    # one-line article out after each of its tints made a 2 MB file freeze the window for minutes.
    assert len(changes) <= 3, len(changes)
    assert not view.document().isUndoRedoEnabled()


def test_every_tint_is_painted_where_the_core_put_it(qtbot: QtBot) -> None:
    view, _ = _rendered(qtbot)
    for start, end, colour in TINTS[:: max(1, len(TINTS) // 10)]:
        inside, outside = QTextCursor(view.document()), QTextCursor(view.document())
        inside.setPosition(start + 1)
        outside.setPosition(end + 30)
        assert inside.charFormat().background().color() == QColor(colour)
        assert outside.charFormat().background().color() != QColor(colour)
