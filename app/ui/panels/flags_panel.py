"""The Flags panel: likely contradictions the core found, with their evidence.

Each row is one flag (kind, the two values, the outlets). Selecting a row shows both passages
with the differing values marked and the reason. Accept turns it into a contradiction, Dismiss
hides it (remembered in the store); "Show dismissed" brings dismissed ones back into view
(greyed) so they can be restored. Flags already accepted are listed as such.
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
    control_row,
    current_row_in,
    list_items,
    make_list,
    select_key,
    stack_panel,
)

VALUE_STYLE = "background:#ffc9c9; color:#a61e1e; font-weight:bold; padding:0 2px;"


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
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.evidence = QTextBrowser(self)
        self.evidence.setOpenLinks(False)
        self.accept_button = QPushButton("Accept as contradiction", self)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.restore_button = QPushButton("Restore", self)
        self._layout()
        self._connect_signals()
        self._on_tree_item_selection_changed()

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
        self.accept_button.clicked.connect(lambda: self._emit(self.accept_requested))
        self.dismiss_button.clicked.connect(lambda: self._emit(self.dismiss_requested))
        self.restore_button.clicked.connect(lambda: self._emit(self.restore_requested))

    def set_rows(self, rows: list[FlagRow], busy: bool = False) -> None:
        """Replace the flags shown; `busy` while they are still being computed."""
        keep = self.current_row()
        self.rows = list(rows)
        open_count = sum(r.status == "open" for r in rows)
        hidden = sum(r.status == "dismissed" for r in rows)
        if busy:
            self.summary.setText("Looking for contradicting facts…")
        else:
            extra = f" · {hidden} dismissed" if hidden else ""
            self.summary.setText(f"{open_count} to review{extra}")
        self._fill(keep.index if keep else None)

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
            item.setToolTip(1, row.reason)
            if row.status != "open":
                for column in range(3):
                    item.setForeground(column, QBrush(QColor("#868e96")))
            self.tree.addTopLevelItem(item)
        if keep is not None:
            self.select_index(keep)
        self._on_tree_item_selection_changed()

    def _emit(self, signal: SignalInstance) -> None:
        row = self.current_row()
        if row is not None:
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
        self.evidence.setHtml(evidence_html(row) if row else "")


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
