"""Linked scrolling for N panes: thin glue over app.core.scroll_map.

When the user scrolls one pane, every other pane is moved so that the clean offset mapped from
the active pane's top stands at its own top. A guard flag stops the programmatic scrolls from
echoing back (no feedback loop).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject

from app.core.model import Alignment
from app.core.scroll_map import Anchor, build_anchor_pairs, map_offset
from app.ui.panes.document_pane import DocumentPane


class ScrollSync(QObject):
    """Keeps matching passages level across `panes`; `enabled` turns it on and off."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        self._panes: list[DocumentPane] = []
        self._alignment: Alignment | None = None
        self._anchors: dict[tuple[str, str], list[Anchor]] = {}
        self._busy = False

    def attach(self, panes: list[DocumentPane], alignment: Alignment) -> None:
        """Follow these panes (replacing any earlier set); anchors are built lazily per pair."""
        self._panes = list(panes)
        self._alignment = alignment
        self._anchors.clear()
        for pane in self._panes:
            bar = pane.scroll_bar()
            bar.valueChanged.connect(lambda _v, p=pane: self._on_pane_scrolled(p))

    @contextmanager
    def suspended(self) -> Iterator[None]:
        """Scroll panes programmatically without them dragging each other along."""
        was, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = was

    def anchors(self, doc_a: str, doc_b: str) -> list[Anchor]:
        key = (doc_a, doc_b)
        if key not in self._anchors and self._alignment is not None:
            self._anchors[key] = build_anchor_pairs(self._alignment, doc_a, doc_b)
        return self._anchors.get(key, [])

    def _on_pane_scrolled(self, active: DocumentPane) -> None:
        if self._busy or not self.enabled or active not in self._panes:
            return
        self.follow(active)

    def follow(self, active: DocumentPane, targets: list[DocumentPane] | None = None) -> None:
        """Move `targets` (default: every other pane) to the place matching `active`'s top."""
        with self.suspended():
            offset = active.offset_at_top()
            for pane in self._panes if targets is None else targets:
                if pane is active:
                    continue
                mapped = map_offset(
                    self.anchors(active.doc.id, pane.doc.id),
                    offset,
                    len(active.doc.text),
                    len(pane.doc.text),
                )
                pane.scroll_to_offset(mapped)
