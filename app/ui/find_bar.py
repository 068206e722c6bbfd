"""Find in articles: a bar under the panes that searches the text of every open article.

Edit → Find… (Ctrl+F) opens it with the field focused. Typing goes to the first hit at or after
the current one; Enter goes to the next hit, Shift+Enter to the previous (F3 / Shift+F3 from
anywhere), wrapping round; Escape closes it. Hits run in reading order: the panes left to right,
each top to bottom. A hit becomes its pane's text selection, scrolled to the middle, so it can be
highlighted (Ctrl+1…) or marked as a contradiction straight away; the bar says "3 of 17".

What is searched is the text the panes show (removed junk too while it is shown), without regard
to case. The hits are looked up afresh on every step rather than kept: panes are rebuilt or
re-rendered (View → Articles Shown, Show Removed Junk) without telling the bar, and a handful of
articles is searched faster than a key repeats. Between steps the bar keeps only where the
current hit stands (article id, position), so the next step starts from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from app.core.counts import plural
from app.ui.case_view import CaseView
from app.ui.panes.document_pane import DocumentPane

FIELD_WIDTH = 280  # px: room for a phrase; the bar is a strip, not a form
PREFILL_MAX_CHARS = 80  # a longer selection is a passage, not something one searches for
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass(frozen=True)
class Hit:
    """One occurrence: the pane it is in (left to right) and its display range (half-open)."""

    pane: int
    doc_id: str
    start: int
    end: int


def find_hits(panes: Sequence[DocumentPane], needle: str) -> list[Hit]:
    """Every occurrence of `needle` (any case) in the text the panes show, in reading order.

    Positions are display positions of each pane's QTextDocument (what its cursor takes), not
    clean-text offsets: a hit may lie in shown junk, which has no clean offset.
    """
    hits: list[Hit] = []
    if not needle:
        return hits
    for index, pane in enumerate(panes):
        qdoc = pane.view.document()
        cursor = qdoc.find(needle, 0)
        while not cursor.isNull():
            hits.append(Hit(index, pane.doc.id, cursor.selectionStart(), cursor.selectionEnd()))
            cursor = qdoc.find(needle, cursor)  # goes on after the end of this hit
    return hits


def pick_hit(hits: list[Hit], current: Hit | None, forward: bool, *, stay: bool) -> int:
    """Index in `hits` of the hit to go to from `current`, wrapping round at either end.

    Args:
        hits: in reading order, not empty.
        current: where the bar stands (None: nowhere yet, or its article has no pane now).
        forward: next (True) or previous (False).
        stay: `current` itself may be the answer (the search text grew: "ca" → "cat").
    """
    if current is None:
        return 0 if forward else len(hits) - 1
    # The pane index of `current` may be stale; its article decides where it stands now.
    pane_of = {h.doc_id: h.pane for h in hits}
    if current.doc_id not in pane_of:
        return 0 if forward else len(hits) - 1
    here = (pane_of[current.doc_id], current.start)
    if forward:
        later = [
            i
            for i, h in enumerate(hits)
            if (h.pane, h.start) > here or (stay and (h.pane, h.start) == here)
        ]
        return later[0] if later else 0
    earlier = [i for i, h in enumerate(hits) if (h.pane, h.start) < here]
    return earlier[-1] if earlier else len(hits) - 1


def count_text(position: int | None, total: int) -> str:
    """'3 of 17', 'No matches', or '17 matches' while no hit is current."""
    if total == 0:
        return "No matches"
    if position is None:
        return plural(total, "match", "matches")
    return f"{position} of {total}"


class FindBar(QWidget):
    """The find strip of the window; searches the panes of `view`. Hidden until `open_bar`."""

    def __init__(self, view: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.view = view
        self.current: Hit | None = None
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in articles")
        self.field.setClearButtonEnabled(True)
        self.field.setFixedWidth(FIELD_WIDTH)
        self.field.setToolTip("Enter: next · Shift+Enter: previous · Escape: close")
        self.previous_button = _tool_button("▲", "Previous match (Shift+Enter, Shift+F3)", self)
        self.next_button = _tool_button("▼", "Next match (Enter, F3)", self)
        self.count_label = QLabel("", self)
        self.close_button = _tool_button("✕", "Close (Escape)", self)
        self._layout()
        self._connect_signals()
        self.hide()

    def _layout(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        for widget in (self.field, self.previous_button, self.next_button, self.count_label):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.close_button)

    def _connect_signals(self) -> None:
        self.field.textEdited.connect(self._on_field_text_edited)
        self.field.installEventFilter(self)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        self.view.panes_rebuilt.connect(self._on_view_panes_rebuilt)

    # --- commands ------------------------------------------------------------------------------
    def open_bar(self) -> None:
        """Edit → Find…: show the bar, focused, its text selected for typing over.

        A short selection in an article becomes the search text, as in a browser, and the
        search starts where the focused article's cursor stands (else where it stood last).
        """
        pane, picked = self._short_selection()
        if picked:
            self.field.setText(picked)
        pane = pane or next((p for p in self.view.panes if p.view.hasFocus()), None)
        if pane is not None:
            cursor = pane.view.textCursor()
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            self.current = Hit(self.view.panes.index(pane), pane.doc.id, start, end)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text():
            self._go(forward=True, stay=True)

    def close_bar(self) -> None:
        """Hide the bar; the pane with the current hit gets the focus (its selection stays)."""
        self.hide()
        pane = self._pane_of(self.current)
        if pane is not None:
            pane.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def find_next(self) -> None:
        """Enter, F3: the next hit (with nothing to look for yet, open the bar instead)."""
        self._step(forward=True)

    def find_previous(self) -> None:
        """Shift+Enter, Shift+F3: the previous hit."""
        self._step(forward=False)

    def _step(self, *, forward: bool) -> None:
        if not self.field.text():
            self.open_bar()
            return
        self.show()
        self._go(forward=forward, stay=False)

    def _go(self, *, forward: bool, stay: bool) -> None:
        hits = find_hits(self.view.panes, self.field.text())
        if not hits:
            self.current = None
            self.count_label.setText(count_text(None, 0) if self.field.text() else "")
            return
        index = pick_hit(hits, self.current, forward, stay=stay)
        self.current = hits[index]
        self._show_hit(self.current)
        self.count_label.setText(count_text(index + 1, len(hits)))

    # --- showing a hit -------------------------------------------------------------------------
    def _pane_of(self, hit: Hit | None) -> DocumentPane | None:
        return self.view.pane_for(hit.doc_id) if hit is not None else None

    def _show_hit(self, hit: Hit) -> None:
        """Select the hit in its pane and scroll that pane (alone) so the hit is mid-height."""
        pane = self._pane_of(hit)
        if pane is None:
            return
        cursor = QTextCursor(pane.view.document())
        cursor.setPosition(hit.start)
        cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
        pane.view.setTextCursor(cursor)
        # Like a jump to a highlight, the other articles keep their place: the reader is
        # looking for words, not for the passage aligned with them.
        with self.view.sync.suspended():
            bar = pane.scroll_bar()
            middle = pane.view.cursorRect(cursor).center().y()
            bar.setValue(bar.value() + middle - pane.view.viewport().height() // 2)
        self.view.reveal(pane)

    def _short_selection(self) -> tuple[DocumentPane | None, str]:
        """A short one-line text selection in an article (the focused pane's first) and its
        pane, or (None, '')."""
        panes = sorted(self.view.panes, key=lambda p: not p.view.hasFocus())
        for pane in panes:
            text = pane.view.textCursor().selectedText().strip()
            one_line = "\u2029" not in text and "\n" not in text
            if one_line and 0 < len(text) <= PREFILL_MAX_CHARS:
                return pane, text
        return None, ""

    # --- events --------------------------------------------------------------------------------
    def _on_field_text_edited(self, _text: str) -> None:
        self._go(forward=True, stay=True)

    def _on_view_panes_rebuilt(self) -> None:
        if self.isVisible() and self.field.text():
            total = len(find_hits(self.view.panes, self.field.text()))
            self.current = None
            self.count_label.setText(count_text(None, total))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter / Shift+Enter / Escape in the field; Escape is taken before the window's
        Escape (Go → Clear Selection) while the field has the focus."""
        if watched is not self.field or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key not in (*RETURN_KEYS, Qt.Key.Key_Escape):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if event.type() != QEvent.Type.KeyPress:
            return False
        if key == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_previous()
        else:
            self.find_next()
        return True


def _tool_button(text: str, tip: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button
