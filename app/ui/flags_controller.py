"""Flags of the open comparison: computed off the GUI thread, shown in the Flags panel.

After a comparison opens, `find_flags` runs in a BackgroundOp (it tokenises every match).
The panel's requests become controller commands: accept marks the two matched passages as a
contradiction (origin "flag", the reason as its note), dismiss stores a dismissal (hidden
from then on, in every later session), restore forgets it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.errors import Cancelled
from app.core.logs import log_exception
from app.core.model import (
    Alignment,
    Flag,
    ReviewKey,
    Span,
    flag_label,
    flag_passages,
    flag_review_key,
    review_key,
)
from app.core.progress import CancelToken, ProgressFn
from app.ui.annotations_controller import AnnotationsController, flag_key
from app.ui.case_view import CaseView
from app.ui.panels.flags_panel import FlagRow, FlagsPanel
from app.ui.workers import BackgroundOp


def _find(alignment: Alignment, _progress: ProgressFn, cancel: CancelToken) -> list[Flag]:
    """The worker side (imports the detectors there: their gazetteers load on first use)."""
    from app.core.flags import find_flags

    return find_flags(alignment, cancel)


class FlagsController(QObject):
    """Feeds `panel` with the flags of the comparison in `view`; emits `flags_found(count)`."""

    flags_found = Signal(int)

    def __init__(
        self, view: CaseView, controller: AnnotationsController, panel: FlagsPanel
    ) -> None:
        super().__init__(panel)
        self.view = view
        self.controller = controller
        self.panel = panel
        self.alignment: Alignment | None = None
        self.flags: list[Flag] = []
        self.op: BackgroundOp | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.controller.annotations_changed.connect(self.refresh)
        self.panel.accept_requested.connect(self._on_panel_accept_requested)
        self.panel.dismiss_requested.connect(self._on_panel_dismiss_requested)
        self.panel.restore_requested.connect(self._on_panel_restore_requested)
        self.panel.jump_requested.connect(self._on_panel_jump_requested)

    def start(self, alignment: Alignment) -> None:
        """Compute the flags of `alignment` in the background (an earlier run is dropped)."""
        if self.op is not None and self.op.running:
            self.op.cancel()
        self.alignment = alignment
        self.flags = []
        self.panel.set_rows([], busy=bool(alignment.matches))
        if not alignment.matches:
            return
        op = BackgroundOp(lambda p, c: _find(alignment, p, c), self)
        op.finished.connect(lambda result, a=alignment: self._on_op_finished(a, result))
        op.failed.connect(self._on_op_failed)
        self.op = op
        op.start()

    def set_flags(self, alignment: Alignment, flags: list[Flag]) -> None:
        """Show `flags` of `alignment` (what the background run delivers)."""
        self.alignment = alignment
        self.flags = list(flags)
        self.refresh()
        self.flags_found.emit(len(self.flags))

    def _on_op_finished(self, alignment: Alignment, result: object) -> None:
        if alignment is self.alignment and isinstance(result, list):
            self.set_flags(alignment, result)

    def _on_op_failed(self, exc: object) -> None:
        if isinstance(exc, BaseException) and not isinstance(exc, Cancelled):
            log_exception(exc)
            self.panel.summary.setText(f"Could not look for contradicting facts: {exc}")

    def _accepted(self) -> set[ReviewKey]:
        """Keys of the links made by accepting a flag (the same test as the report's)."""
        state = self.controller.state
        keys = set()
        for c in state.contradictions.values():
            a, b = state.highlights.get(c.a), state.highlights.get(c.b)
            if c.origin == "flag" and a is not None and b is not None:
                ends = Span(a.doc_id, a.start, a.end), Span(b.doc_id, b.start, b.end)
                keys.add(review_key(c.kind, *ends))
        return keys

    def status(self, flag: Flag, accepted: set[ReviewKey]) -> str:
        """'accepted' (a flag-made link of its kind joins its passages), 'dismissed' or 'open'."""
        if flag_key(flag) in self.controller.state.dismissed:
            return "dismissed"
        assert self.alignment is not None
        return "accepted" if flag_review_key(self.alignment, flag) in accepted else "open"

    def refresh(self) -> None:
        """Rebuild the panel's rows (statuses change with every annotation edit)."""
        if self.alignment is None:
            return
        accepted = self._accepted()
        self.panel.set_rows([self._row(i, f, accepted) for i, f in enumerate(self.flags)])

    def _passages(self, flag: Flag) -> tuple[Span, Span]:
        assert self.alignment is not None
        return flag_passages(self.alignment, flag)

    def _row(self, index: int, flag: Flag, accepted: set[ReviewKey]) -> FlagRow:
        assert self.alignment is not None
        docs = {d.id: d for d in self.alignment.documents}
        a, b = self._passages(flag)
        da, db = docs[a.doc_id], docs[b.doc_id]
        return FlagRow(
            index,
            flag_label(flag),
            da.display_name,
            da.text[a.start : a.end],
            (flag.a.start - a.start, flag.a.end - a.start),
            db.display_name,
            db.text[b.start : b.end],
            (flag.b.start - b.start, flag.b.end - b.start),
            flag.reason,
            self.status(flag, accepted),
        )

    def _on_panel_accept_requested(self, index: int) -> None:
        flag = self.flags[index]
        a, b = self._passages(flag)
        self.controller.mark_contradiction(a, b, flag.reason, origin="flag", kind=flag.kind)

    def _on_panel_dismiss_requested(self, index: int) -> None:
        self.controller.dismiss_flag(self.flags[index])

    def _on_panel_restore_requested(self, index: int) -> None:
        self.controller.restore_flag(self.flags[index])

    def _on_panel_jump_requested(self, index: int) -> None:
        """Centre both flagged values, each in its pane, without linked scrolling dragging the
        first away when the second is centred; both panes are scrolled into view."""
        flag = self.flags[index]
        for span in (flag.b, flag.a):  # the first value's pane revealed last: it stays in view
            pane = self.view.pane_for(span.doc_id)
            if pane is not None:
                self.view.show_passage(pane, span.start, span.end)
