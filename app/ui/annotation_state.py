"""What the screen shows of the annotations: the store's rows plus changes not saved yet.

A plain value object (no Qt). It is reloaded from the store after every saved change; a change
the store refused (read-only folder, disk full) is laid over it with `overlay`, so the user
keeps seeing what they did while the app offers to retry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from app.core.annotations import (
    AddContradiction,
    AddHighlight,
    Command,
    Contradiction,
    DismissFlag,
    EditContradiction,
    EditHighlight,
    Highlight,
    RemoveContradiction,
    RemoveHighlight,
    UndismissFlag,
)
from app.core.store.repository import Repository
from app.ui.undo import flatten

Row = TypeVar("Row", Highlight, Contradiction)


@dataclass
class AnnotationState:
    """Highlights and contradictions of the open articles, and the dismissed flag keys."""

    highlights: dict[str, Highlight] = field(default_factory=dict)
    contradictions: dict[str, Contradiction] = field(default_factory=dict)
    dismissed: set[str] = field(default_factory=set)
    unsaved: set[str] = field(default_factory=set)  # ids of rows only on screen, not on disk

    @classmethod
    def load(cls, repo: Repository, doc_ids: list[str]) -> AnnotationState:
        """Read the rows of `doc_ids` (contradictions with both ends among them)."""
        state = cls()
        for doc_id in doc_ids:
            for h in repo.list_highlights(doc_id):
                state.highlights[h.id] = h
        for c in repo.list_contradictions():
            if c.a in state.highlights and c.b in state.highlights:
                state.contradictions[c.id] = c
        state.dismissed = {d.key for d in repo.list_dismissed()}
        return state

    def for_doc(self, doc_id: str) -> list[Highlight]:
        """Highlights in one document, in reading order."""
        found = [h for h in self.highlights.values() if h.doc_id == doc_id and not h.orphan]
        return sorted(found, key=lambda h: (h.start, h.end))

    def links_of(self, highlight_id: str) -> list[Contradiction]:
        return [c for c in self.contradictions.values() if highlight_id in (c.a, c.b)]

    def overlay(self, command: Command, forward: bool = True) -> None:
        """Show the effect of an unsaved command (or of its undo when not `forward`)."""
        for step in flatten(command) if forward else reversed(flatten(command)):
            self._overlay_step(step, forward)

    def _overlay_step(self, step: Command, forward: bool) -> None:
        if isinstance(step, AddHighlight):
            self._put_or_drop(self.highlights, step.highlight, forward)
        elif isinstance(step, RemoveHighlight) and step.removed is not None:
            self._put_or_drop(self.highlights, step.removed, not forward)
            for link in step.links:
                self._put_or_drop(self.contradictions, link, not forward)
        elif isinstance(step, EditHighlight) and step.after and step.before:
            self._put_or_drop(self.highlights, step.after if forward else step.before, True)
        elif isinstance(step, AddContradiction):
            self._put_or_drop(self.contradictions, step.contradiction, forward)
        elif isinstance(step, RemoveContradiction) and step.removed is not None:
            self._put_or_drop(self.contradictions, step.removed, not forward)
        elif isinstance(step, EditContradiction) and step.after and step.before:
            self._put_or_drop(self.contradictions, step.after if forward else step.before, True)
        elif isinstance(step, DismissFlag):
            self._toggle_dismissed(step.dismissal.key, forward)
        elif isinstance(step, UndismissFlag):
            self._toggle_dismissed(step.key, not forward)

    def _put_or_drop(self, table: dict[str, Row], row: Row, put: bool) -> None:
        """Show (`put`) or hide `row` in `table`, and remember it differs from the store."""
        self.unsaved.add(row.id)
        if put:
            table[row.id] = row
        else:
            table.pop(row.id, None)

    def _toggle_dismissed(self, key: str, on: bool) -> None:
        if on:
            self.dismissed.add(key)
        else:
            self.dismissed.discard(key)
