"""The Flags panel: likely contradictions the core found, with their evidence.

Each row is one flag (kind, the two values, the outlets). Selecting a row shows both passages
with the differing values marked and the reason. Accept turns it into a contradiction, Dismiss
hides it (remembered in the store); "Show dismissed" brings dismissed ones back into view
(greyed) so they can be restored. Flags already accepted are listed as such.

The list works as a review queue from the keyboard: A accepts, D (or Delete) dismisses, R
restores, Enter shows both passages in their articles. After an accept or a dismissal the next
flag still to review is selected, so its evidence is on screen at once.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidgetItem,
    QWidget,
)

from app.ui.panels.scaffold import (
    KEY_ROLE,
    REMOVE_KEYS,
    ListKeys,
    control_row,
    current_row_in,
    key_hint,
    list_items,
    make_list,
    select_key,
    stack_panel,
)

VALUE_STYLE = "background:#ffc9c9; color:#a61e1e; font-weight:bold; padding:0 2px;"
# Shown in the evidence box while flags are listed but none is selected.
NO_SELECTION_HINT = (
    "<p style='color:#6c757d'>Select a flag to see both passages.<br>"
    "A accept · D dismiss · Enter show in the articles</p>"
)


OUTLETS_COLUMN_WIDTH = 96  # px: "TRT World / The M…"; the whole pair is in the tooltip


@dataclass(frozen=True)
class FlagRow:
    """One flag as shown: passages with the value's offsets inside each (half-open)."""

    index: int  # position in the flag list the session holds
    kind: str
    a_outlet: str
    a_passage: str
    a_value: tuple[int, int]
    b_outlet: str
    b_passage: str
    b_value: tuple[int, int]
    reason: str
    status: str  # "open" | "dismissed" | "accepted"


class FlagsPanel(QWidget):
    """Lists flags; emits the flag index for the session to accept, dismiss, restore or show."""

    accept_requested = Signal(int)
    dismiss_requested = Signal(int)
    restore_requested = Signal(int)
    jump_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FlagRow] = []
        self.summary = QLabel("Flags appear here once articles are aligned.", self)
        self.summary.setWordWrap(True)
        self.show_dismissed = QCheckBox("Show dismissed", self)
        self.tree = make_list(
            self,
            ["Kind", "Disagreement", "Outlets"],
            "Double-click to show both passages in their articles",
            wrap=False,
        )
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The two values are what a reviewer reads; outlet names are long ("Responsible
        # Statecraft / Kommersant") and would squeeze them out: elided, full in the tooltip.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, OUTLETS_COLUMN_WIDTH)
        self.evidence = QTextBrowser(self)
        self.evidence.setOpenLinks(False)
        self.accept_button = QPushButton("Accept as contradiction", self)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.restore_button = QPushButton("Restore", self)
        self._advance_from: int | None = None  # flag just accepted or dismissed: move past it
        self._bind_keys()
        self._layout()
        self._connect_signals()
        self._on_tree_item_selection_changed()

    def _bind_keys(self) -> None:
        """The review keys of the list, named in the buttons' tooltips."""
        self.accept_button.setToolTip(key_hint("Mark both passages as a contradiction", "A"))
        self.dismiss_button.setToolTip(key_hint("Hide this flag from now on", "D, Delete"))
        self.restore_button.setToolTip(key_hint("Bring a dismissed flag back", "R"))
        keys = {Qt.Key.Key_A: self.accept_button, Qt.Key.Key_R: self.restore_button}
        for key in (Qt.Key.Key_D, *REMOVE_KEYS):
            keys[key] = self.dismiss_button
        self.keys = ListKeys(self.tree, keys)

    def _layout(self) -> None:
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.evidence)
        split.setSizes([200, 160])
        stack_panel(
            self,
            split,
            control_row(self.accept_button, self.dismiss_button, self.restore_button),
            top=control_row(self.summary, self.show_dismissed, grow=self.summary),
        )

    def _connect_signals(self) -> None:
        self.show_dismissed.toggled.connect(self._on_show_dismissed_toggled)
        self.tree.itemSelectionChanged.connect(self._on_tree_item_selection_changed)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.accept_button.clicked.connect(lambda: self._review(self.accept_requested))
        self.dismiss_button.clicked.connect(lambda: self._review(self.dismiss_requested))
        self.restore_button.clicked.connect(lambda: self._emit(self.restore_requested))

    def set_rows(self, rows: list[FlagRow], busy: bool = False) -> None:
        """Replace the flags shown; `busy` while they are still being computed."""
        keep = self.current_row()
        advance_from, self._advance_from = self._advance_from, None
        self.rows = list(rows)
        open_count = sum(r.status == "open" for r in rows)
        hidden = sum(r.status == "dismissed" for r in rows)
        if busy:
            self.summary.setText("Looking for contradicting facts…")
        else:
            extra = f" · {hidden} dismissed" if hidden else ""
            self.summary.setText(f"{open_count} to review{extra}")
        self._fill(keep.index if keep else None)
        if advance_from is not None:
            self._select_next_after(advance_from)

    def visible_indexes(self) -> list[int]:
        return [int(item.data(0, KEY_ROLE)) for item in list_items(self.tree)]

    def select_index(self, index: int) -> None:
        select_key(self.tree, index)

    def current_row(self) -> FlagRow | None:
        return current_row_in(self.tree, self.rows, lambda r: r.index)

    def _fill(self, keep: int | None) -> None:
        self.tree.clear()
        for row in self.rows:
            if row.status == "dismissed" and not self.show_dismissed.isChecked():
                continue
            what = f"{_value(row.a_passage, row.a_value)} ≠ {_value(row.b_passage, row.b_value)}"
            label = {"dismissed": " (dismissed)", "accepted": " (accepted)"}.get(row.status, "")
            item = QTreeWidgetItem([row.kind + label, what, f"{row.a_outlet} / {row.b_outlet}"])
            item.setData(0, KEY_ROLE, row.index)
            item.setToolTip(0, row.reason)
            item.setToolTip(1, row.reason)
            item.setToolTip(2, f"{row.a_outlet} / {row.b_outlet}")
            if row.status != "open":
                for column in range(3):
                    item.setForeground(column, QBrush(QColor("#868e96")))
            self.tree.addTopLevelItem(item)
        if keep is not None:
            self.select_index(keep)
        self._on_tree_item_selection_changed()

    def _select_next_after(self, index: int) -> None:
        """Select the flag to review after flag `index`: the next open one below it, else the
        nearest open one above; with none left, flag `index` itself (or its neighbour)."""
        shown = self.visible_indexes()
        after = [i for i in shown if i > index]
        before = [i for i in reversed(shown) if i < index]
        still_open = {r.index for r in self.rows if r.status == "open"}
        choice = next((i for i in after + before if i in still_open), None)
        if choice is None:
            choice = index if index in shown else next(iter(after + before), None)
        if choice is not None:
            select_key(self.tree, choice, scroll=True)

    def _emit(self, signal: SignalInstance) -> None:
        row = self.current_row()
        if row is not None:
            signal.emit(row.index)

    def _review(self, signal: SignalInstance) -> None:
        """Accept or dismiss the current flag. The session answers with new rows (`set_rows`),
        which then select the next flag to review instead of dropping the selection."""
        row = self.current_row()
        if row is not None:
            self._advance_from = row.index
            signal.emit(row.index)

    def _on_show_dismissed_toggled(self, _on: bool) -> None:
        keep = self.current_row()
        self._fill(keep.index if keep else None)

    def _on_tree_item_activated(self, _item: QTreeWidgetItem, _column: int) -> None:
        self._emit(self.jump_requested)

    def _on_tree_item_selection_changed(self) -> None:
        row = self.current_row() if self.tree.selectedItems() else None
        self.accept_button.setEnabled(row is not None and row.status == "open")
        self.dismiss_button.setEnabled(row is not None and row.status == "open")
        self.restore_button.setEnabled(row is not None and row.status == "dismissed")
        if row is not None:
            self.evidence.setHtml(evidence_html(row))
        else:
            self.evidence.setHtml(NO_SELECTION_HINT if self.tree.topLevelItemCount() else "")


def _value(passage: str, span: tuple[int, int]) -> str:
    return passage[span[0] : span[1]]


def _marked(passage: str, span: tuple[int, int]) -> str:
    start, end = span
    head, value, tail = passage[:start], passage[start:end], passage[end:]
    return (
        f"{html.escape(head)}<span style='{VALUE_STYLE}'>{html.escape(value)}</span>"
        f"{html.escape(tail)}"
    )


def evidence_html(row: FlagRow) -> str:
    """Both passages with the differing values marked, then the reason."""
    return (
        f"<p><b>{html.escape(row.a_outlet)}</b><br>{_marked(row.a_passage, row.a_value)}</p>"
        f"<p><b>{html.escape(row.b_outlet)}</b><br>{_marked(row.b_passage, row.b_value)}</p>"
        f"<p style='color:#495057'><i>Why flagged:</i> {html.escape(row.reason)}</p>"
    )
