"""How user highlights look in a pane, over the family tints the text is rendered with.

A highlight must read as the user's mark, not as one more family tint: a fill in the kind's
(saturated) colour plus an underline in a much darker shade of it.
Contradiction ends add a red wavy underline; a passage waiting for its contradicting partner
gets a dashed underline.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

Extra = tuple[int, int, str] | tuple[int, int, str, str]  # clean start, end, colour[, style]
# Opaque: the pastel family tints include yellows and greens close to the kind colours, so a
# see-through fill read as just another tint; the family stays visible around the highlight
# and in the connector strips.
HIGHLIGHT_ALPHA = 255
CONTRADICTION_RED = "#e03131"
PENDING_GREY = "#495057"


def normalise(extra: Extra) -> tuple[int, int, str, str]:
    """(start, end, colour, style) with the default style "highlight"."""
    if len(extra) == 4:
        return extra
    start, end, colour = extra[0], extra[1], extra[2]
    return start, end, colour, "highlight"


def highlight_selection(cursor: QTextCursor, colour: str, style: str) -> QTextEdit.ExtraSelection:
    """The extra selection drawing one highlight of `style` over `cursor`'s range."""
    fmt = QTextCharFormat()
    fill = QColor(colour)
    fill.setAlpha(HIGHLIGHT_ALPHA)
    fmt.setBackground(fill)
    fmt.setFontUnderline(True)
    if style == "contradiction":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(CONTRADICTION_RED))
    elif style == "pending":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(PENDING_GREY))
    else:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(colour).darker(250))
    sel = QTextEdit.ExtraSelection()
    sel.cursor = cursor
    sel.format = fmt
    return sel
