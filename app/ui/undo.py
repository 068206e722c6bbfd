"""Undo for annotation edits: core commands wrapped in QUndoCommand.

The core commands (`app.core.annotations`) do the work with `apply(repo)` / `revert(repo)`.
Two small commands live here because they only make sense in the app: `EnsureDocument` (store
the article before highlighting it; undo leaves it, documents are shared) and `Batch` (several
commands as one user action, one transaction, one undo step).

`StoreUndoCommand` never talks to the store itself: it hands the command to a runner (the
annotations controller), which applies it, catches a StoreError and tells the user. The
controller applies a new command *before* pushing it, so the first `redo()` Qt makes on push
is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from app.core.annotations import Command
from app.core.model import Document

if TYPE_CHECKING:
    from app.core.store.repository import Repository

Runner = Callable[[Command, bool], bool]  # (command, forward) -> saved?


class EnsureDocument:
    """Store (or refresh) an article so highlights can point into it; undo keeps it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = "Store article"

    def apply(self, repo: Repository) -> None:
        repo.upsert_document(self.doc)

    def revert(self, repo: Repository) -> None:
        """Documents are shared by every annotation on them: nothing to undo."""


class Batch:
    """Several commands as one action: applied in order, reverted in reverse, one transaction."""

    def __init__(self, text: str, commands: Sequence[Command]) -> None:
        self.text = text
        self.commands = list(commands)

    def apply(self, repo: Repository) -> None:
        with repo.transaction():
            for command in self.commands:
                command.apply(repo)

    def revert(self, repo: Repository) -> None:
        with repo.transaction():
            for command in reversed(self.commands):
                command.revert(repo)


def flatten(command: Command) -> list[Command]:
    """The plain commands inside `command` (a Batch is opened, recursively)."""
    if isinstance(command, Batch):
        return [c for inner in command.commands for c in flatten(inner)]
    return [command]


class StoreUndoCommand(QUndoCommand):
    """One entry of the undo stack: redo/undo run the core command through `runner`."""

    def __init__(self, command: Command, runner: Runner) -> None:
        super().__init__(command.text)
        self.command = command
        self._runner = runner
        self._skip_first_redo = True  # the controller has applied it already

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._runner(self.command, True)

    def undo(self) -> None:
        self._runner(self.command, False)
