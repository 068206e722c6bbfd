"""The GUI thread's door to the annotation store: commands in, change signals out.

Owns the Repository opened on the GUI thread (annotation edits are single small transactions),
one QUndoStack per open comparison (in a QUndoGroup the Edit menu follows), and the
AnnotationState the panels and panes draw. User intents become core commands; each is applied
at once (saved immediately) and then pushed for undo. A command the store refuses stays
pending, drawn on screen, until `retry_pending` saves it or `discard_pending` drops it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Unpack

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from app.core.annotations import (
    AddContradiction,
    AddHighlight,
    Command,
    DismissFlag,
    EditContradiction,
    EditHighlight,
    Highlight,
    HighlightChanges,
    RemoveContradiction,
    RemoveHighlight,
    UndismissFlag,
    new_contradiction,
    new_dismissed_flag,
    new_highlight,
)
from app.core.errors import StoreError
from app.core.model import Document, Flag, Span
from app.core.store import RecoveryReport, Repository, open_store, resolve_db_path
from app.ui.annotation_state import AnnotationState
from app.ui.undo import Batch, EnsureDocument, StoreUndoCommand


def flag_key(flag: Flag) -> str:
    """The key a dismissal of `flag` is stored under (same as the export uses)."""
    return new_dismissed_flag(
        flag.kind, flag.a.doc_id, flag.a_value, flag.b.doc_id, flag.b_value
    ).key


@dataclass
class Pending:
    """A change the store refused: retried in order; `push` if it is not on the undo stack yet."""

    command: Command
    forward: bool
    push: bool


class AnnotationsController(QObject):
    """Applies annotation commands for the open comparison; see the module docstring."""

    annotations_changed = Signal()
    highlight_added = Signal(str)
    highlight_changed = Signal(str)
    highlight_removed = Signal(str)
    contradiction_added = Signal(str)
    contradiction_removed = Signal(str)
    write_failed = Signal(str)  # the store's one-line message; the change is kept pending
    pending_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.repo: Repository | None = None
        self.store_path: str | None = None  # as given to open_store (None: the default)
        self.open_error: StoreError | None = None
        self.undo_group = QUndoGroup(self)
        self.stack = QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(self.stack)
        self.documents: dict[str, Document] = {}
        self.state = AnnotationState()
        self.pending: list[Pending] = []

    # --- store and comparison ----------------------------------------------------------------
    def open_store(self, path: str | None = None) -> RecoveryReport | None:
        """Open the store (PARALLAX_HOME honoured). Raises StoreError; edits then stay pending."""
        self.store_path = path
        try:
            self.repo = open_store(path)
        except StoreError as exc:
            self.open_error = exc
            raise
        self.open_error = None
        return self.repo.recovery

    def store_location(self) -> Path:
        """Where the store is (or would be): what messages about unsaved changes name."""
        return Path(self.repo.path) if self.repo is not None else resolve_db_path(self.store_path)

    def close(self) -> None:
        if self.repo is not None:
            self.repo.close()
            self.repo = None

    def open_comparison(self, documents: list[Document]) -> StoreError | None:
        """Start a comparison: a fresh undo stack, the articles stored, their annotations read.

        Returns the StoreError if the articles could not be stored (the caller says so once);
        highlights made later store their article again as part of their own transaction.
        """
        old = self.stack
        self.stack = QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(self.stack)
        self.undo_group.removeStack(old)
        old.deleteLater()
        self.documents = {d.id: d for d in documents}
        # Unsaved changes survive a change of comparison: they carry their own article rows.
        problem: StoreError | None = None
        try:
            repo = self._repo()
            with repo.transaction():
                for doc in documents:
                    repo.upsert_document(doc)
        except StoreError as exc:
            problem = exc
        self.reload()
        self.pending_changed.emit(len(self.pending))
        return problem

    def reload(self) -> None:
        """Re-read the store for the open articles, lay pending changes over it, and signal."""
        before = self.state
        try:
            self.state = AnnotationState.load(self._repo(), list(self.documents))
        except StoreError:
            self.state = replace(before, unsaved=set(before.unsaved))
        for item in self.pending:
            self.state.overlay(item.command, item.forward)
        self._emit_differences(before, self.state)
        self.annotations_changed.emit()

    def _repo(self) -> Repository:
        if self.repo is None:
            detail = f": {self.open_error}" if self.open_error else ""
            raise StoreError(f"the annotation store is not open{detail}")
        return self.repo

    # --- running commands --------------------------------------------------------------------
    def execute(self, command: Command) -> bool:
        """Apply and save `command`, then put it on the undo stack. False if kept pending."""
        if self._apply(command, True, push=True):
            self.stack.push(StoreUndoCommand(command, self._run))
            self.reload()
            return True
        return False

    def _run(self, command: Command, forward: bool) -> bool:
        """Undo/redo from the stack: apply or revert, or keep it pending on failure."""
        ok = self._apply(command, forward, push=False)
        if ok:
            self.reload()
        return ok

    def _apply(self, command: Command, forward: bool, *, push: bool) -> bool:
        try:
            repo = self._repo()
            if forward:
                command.apply(repo)
            else:
                command.revert(repo)
        except StoreError as exc:
            self.pending.append(Pending(command, forward, push))
            self.reload()
            self.pending_changed.emit(len(self.pending))
            self.write_failed.emit(str(exc))
            return False
        return True

    def retry_pending(self) -> bool:
        """Save the pending changes in order; stops at the first that fails again.

        A store that could not be opened is opened again first: the user may have fixed it.
        """
        if self.pending and self.repo is None:
            self._reopen_store()
        while self.pending:
            item = self.pending[0]
            try:
                repo = self._repo()
                item.command.apply(repo) if item.forward else item.command.revert(repo)
            except StoreError as exc:
                self.write_failed.emit(str(exc))
                return False
            self.pending.pop(0)
            if item.push:
                self.stack.push(StoreUndoCommand(item.command, self._run))
        self.reload()
        self.pending_changed.emit(0)
        return True

    def _reopen_store(self) -> None:
        try:
            self.open_store(self.store_path)
        except StoreError:
            return  # retry_pending reports the failure of the first change, naming the cause

    def annotations_w3c(self) -> dict[str, Any]:
        """Every highlight and contradiction as the user sees them, unsaved ones included, as
        one W3C AnnotationCollection (the shape of `parallax highlights export`).

        The open articles' rows come from the screen's state; the store's rows of other
        articles are added when it can still be read, so the file is complete either way.
        """
        # Imported here, not at the top: it is needed only to save unsaved changes on close,
        # and every start of the app imports this module.
        from app.core.w3c import (
            annotation_collection,
            contradiction_annotation,
            highlight_annotation,
        )

        highlights = dict(self.state.highlights)
        links = dict(self.state.contradictions)
        docs = dict(self.documents)
        try:
            repo = self._repo()
            for doc in repo.list_documents():
                docs.setdefault(doc.id, doc)
            for h in repo.list_highlights():
                if h.doc_id not in self.documents:
                    highlights.setdefault(h.id, h)
            stored_links = repo.list_contradictions()
        except StoreError:
            stored_links = []
        for c in stored_links:
            if c.id not in links and c.a in highlights and c.b in highlights:
                ends = {highlights[c.a].doc_id, highlights[c.b].doc_id}
                if not ends <= self.documents.keys():  # the state already holds those links
                    links[c.id] = c
        items = [highlight_annotation(h, docs.get(h.doc_id)) for h in highlights.values()]
        items += [contradiction_annotation(c, highlights) for c in links.values()]
        return annotation_collection(items)

    def discard_pending(self) -> None:
        """Forget the changes the store refused; the screen shows what is saved."""
        self.pending = []
        self.reload()
        self.pending_changed.emit(0)

    # --- intents -----------------------------------------------------------------------------
    def _new_highlight(self, span: Span, kind: str, note: str, colour: str | None) -> Highlight:
        doc = self.documents[span.doc_id]
        h = new_highlight(doc.id, doc.text, span.start, span.end, kind, note)
        return replace(h, colour=colour) if colour else h

    def add_highlight(
        self, span: Span, kind: str, note: str = "", colour: str | None = None
    ) -> str:
        """Highlight `span` (clean offsets, half-open) of an open article; returns the id."""
        h = self._new_highlight(span, kind, note, colour)
        doc = self.documents[span.doc_id]
        self.execute(Batch("Add highlight", [EnsureDocument(doc), AddHighlight(h)]))
        return h.id

    def edit_highlight(self, highlight_id: str, **changes: Unpack[HighlightChanges]) -> None:
        """Change kind, note and/or colour (a field not given keeps its value; one undo step)."""
        self.execute(EditHighlight(highlight_id, **changes))

    def remove_highlight(self, highlight_id: str) -> None:
        """Remove a highlight and the contradictions it is part of (one undo step)."""
        self.execute(RemoveHighlight(highlight_id))

    def mark_contradiction(
        self, a: Span, b: Span, note: str = "", *, origin: str = "user", kind: str = "contradiction"
    ) -> str:
        """Highlight both passages (kind contradiction) and link them; returns the link's id."""
        ha = self._new_highlight(a, "contradiction", "", None)
        hb = self._new_highlight(b, "contradiction", "", None)
        link = new_contradiction(ha.id, hb.id, note, kind, "flag" if origin == "flag" else "user")
        docs = {self.documents[a.doc_id].id: self.documents[a.doc_id]}
        docs[b.doc_id] = self.documents[b.doc_id]
        steps: list[Command] = [EnsureDocument(d) for d in docs.values()]
        steps += [AddHighlight(ha), AddHighlight(hb), AddContradiction(link)]
        text = "Accept flag" if origin == "flag" else "Mark contradiction"
        self.execute(Batch(text, steps))
        return link.id

    def edit_contradiction(self, contradiction_id: str, note: str) -> None:
        self.execute(EditContradiction(contradiction_id, note=note))

    def remove_contradiction(self, contradiction_id: str) -> None:
        """Remove the link and the two contradiction highlights it made (one undo step)."""
        link = self.state.contradictions.get(contradiction_id)
        if link is None:
            return
        steps: list[Command] = [RemoveContradiction(contradiction_id)]
        for end in (link.a, link.b):
            h = self.state.highlights.get(end)
            others = [c for c in self.state.links_of(end) if c.id != contradiction_id]
            if h is not None and h.kind == "contradiction" and not others:
                steps.append(RemoveHighlight(end))
        self.execute(Batch("Remove contradiction", steps))

    def dismiss_flag(self, flag: Flag) -> None:
        d = new_dismissed_flag(flag.kind, flag.a.doc_id, flag.a_value, flag.b.doc_id, flag.b_value)
        self.execute(DismissFlag(d))

    def restore_flag(self, flag: Flag) -> None:
        self.execute(UndismissFlag(flag_key(flag)))

    # --- change signals ----------------------------------------------------------------------
    def _emit_differences(self, old: AnnotationState, new: AnnotationState) -> None:
        for hid in new.highlights.keys() - old.highlights.keys():
            self.highlight_added.emit(hid)
        for hid in old.highlights.keys() - new.highlights.keys():
            self.highlight_removed.emit(hid)
        for hid in new.highlights.keys() & old.highlights.keys():
            if new.highlights[hid] != old.highlights[hid]:
                self.highlight_changed.emit(hid)
        for cid in new.contradictions.keys() - old.contradictions.keys():
            self.contradiction_added.emit(cid)
        for cid in old.contradictions.keys() - new.contradictions.keys():
            self.contradiction_removed.emit(cid)
