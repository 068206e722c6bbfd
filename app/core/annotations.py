"""Stored annotations (highlights, contradictions, dismissed flags) and undoable commands.

Every user-visible change to annotations is a command with `apply(repo)` and `revert(repo)`;
the UI wraps each in a QUndoCommand, the CLI simply applies it. Each apply/revert is one
transaction. A command captures the state it replaces on its first apply, so apply → revert →
apply restores exactly the same rows (timestamps included).

Offsets are character offsets into the clean text of the highlight's document, half-open.
Timestamps are ISO 8601 UTC strings.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Generic, Literal, Protocol, TypedDict, TypeVar, Unpack

from app.core.anchors import TextAnchor, make_anchor
from app.core.errors import StoreError
from app.core.thresholds import HIGHLIGHT_COLOURS, HIGHLIGHT_DEFAULT_COLOUR

if TYPE_CHECKING:
    from app.core.store.repository import Repository

Origin = Literal["user", "flag"]
Row = TypeVar("Row", "Highlight", "Contradiction")


def utc_now() -> str:
    """The current time as ISO 8601 UTC with microseconds (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def colour_for(kind: str) -> str:
    """Default colour (hex) for a highlight kind; custom kinds get a neutral grey."""
    return HIGHLIGHT_COLOURS.get(kind, HIGHLIGHT_DEFAULT_COLOUR)


@dataclass(frozen=True)
class Highlight:
    """A highlighted passage: W3C TextQuote (exact/prefix/suffix) + TextPosition (start/end)."""

    id: str
    doc_id: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    kind: str
    colour: str
    note: str
    created: str
    modified: str
    orphan: bool = False

    @property
    def anchor(self) -> TextAnchor:
        """The highlight's position as an anchor, for re-anchoring."""
        return TextAnchor(self.exact, self.prefix, self.suffix, self.start, self.end)


class AnchorFields(TypedDict):
    """The Highlight fields that hold its anchor (named as in TextAnchor)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


def anchor_fields(anchor: TextAnchor) -> AnchorFields:
    """`anchor` as Highlight fields (the inverse of `Highlight.anchor`).

    For building or moving a highlight: `Highlight(..., **anchor_fields(a))` or
    `replace(h, **anchor_fields(a))` set quote, context and half-open offsets together.
    """
    return {
        "exact": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        "start": anchor.start,
        "end": anchor.end,
    }


@dataclass(frozen=True)
class Contradiction:
    """Two highlights (`a`, `b`: highlight ids, same or different documents) that disagree."""

    id: str
    a: str
    b: str
    note: str
    kind: str
    origin: Origin
    created: str
    modified: str


@dataclass(frozen=True)
class DismissedFlag:
    """A computed flag the user dismissed, remembered by its key (documents, values, kind)."""

    key: str
    kind: str
    doc_a: str
    doc_b: str
    a_value: str
    b_value: str
    created: str


def new_highlight(
    doc_id: str, text: str, start: int, end: int, kind: str = "claim", note: str = ""
) -> Highlight:
    """A new highlight of `text[start:end]` in document `doc_id` (fresh uuid4, timestamps now).

    Raises:
        ValueError: if the range is empty or outside the text.
    """
    anchor = make_anchor(text, start, end)
    now = utc_now()
    return Highlight(
        id=str(uuid.uuid4()),
        doc_id=doc_id,
        **anchor_fields(anchor),
        kind=kind,
        colour=colour_for(kind),
        note=note,
        created=now,
        modified=now,
    )


def new_contradiction(
    a: str, b: str, note: str = "", kind: str = "contradiction", origin: Origin = "user"
) -> Contradiction:
    """A new contradiction linking highlight ids `a` and `b`."""
    now = utc_now()
    return Contradiction(str(uuid.uuid4()), a, b, note, kind, origin, now, now)


def new_dismissed_flag(
    kind: str, doc_a: str, a_value: str, doc_b: str, b_value: str
) -> DismissedFlag:
    """A dismissal; the key is the same whichever side is called `a`."""
    sides = sorted([(doc_a, a_value), (doc_b, b_value)])
    key = "\x1f".join([kind, sides[0][0], sides[0][1], sides[1][0], sides[1][1]])
    return DismissedFlag(key, kind, doc_a, doc_b, a_value, b_value, utc_now())


class Command(Protocol):
    """An undoable annotation change. `text` is the label an Undo menu shows."""

    text: str

    def apply(self, repo: Repository) -> None: ...

    def revert(self, repo: Repository) -> None: ...


class AddHighlight:
    """Add a highlight (its document must already be stored)."""

    def __init__(self, highlight: Highlight) -> None:
        self.highlight = highlight
        self.text = "Add highlight"

    def apply(self, repo: Repository) -> None:
        repo.insert_highlight(self.highlight)

    def revert(self, repo: Repository) -> None:
        repo.delete_highlight(self.highlight.id)


def _require_highlight(repo: Repository, highlight_id: str) -> Highlight:
    found = repo.get_highlight(highlight_id)
    if found is None:
        raise StoreError(f"unknown highlight {highlight_id}")
    return found


def _require_contradiction(repo: Repository, contradiction_id: str) -> Contradiction:
    found = repo.get_contradiction(contradiction_id)
    if found is None:
        raise StoreError(f"unknown contradiction {contradiction_id}")
    return found


class _EditRow(Generic[Row]):
    """Apply/revert shared by the Edit* commands: the edited row is worked out on the first
    apply only, so redo writes the very same row (same `modified` stamp) and revert writes
    the row as it was before.

    Subclasses say how to read the current row (`_read`, raises StoreError if it is gone),
    what the edit makes of it (`_edited`) and how to write a row back (`_write`).
    """

    text: str

    def __init__(self) -> None:
        self.before: Row | None = None
        self.after: Row | None = None

    def _read(self, repo: Repository) -> Row:
        raise NotImplementedError

    def _edited(self, before: Row) -> Row:
        raise NotImplementedError

    def _write(self, repo: Repository, row: Row) -> None:
        raise NotImplementedError

    def apply(self, repo: Repository) -> None:
        if self.after is None:
            self.before = self._read(repo)
            self.after = self._edited(self.before)
        self._write(repo, self.after)

    def revert(self, repo: Repository) -> None:
        if self.before is not None:
            self._write(repo, self.before)


class HighlightChanges(TypedDict, total=False):
    """What an edit may change in a highlight; a field left out (or None) keeps its value.

    The keyword arguments of `EditHighlight` and of the UI calls that pass them on to it.
    """

    kind: str | None
    note: str | None
    colour: str | None


class EditHighlight(_EditRow[Highlight]):
    """Change a highlight's kind (and with it the default colour), colour or note."""

    def __init__(self, highlight_id: str, **changes: Unpack[HighlightChanges]) -> None:
        """Raises TypeError for a keyword that is not a HighlightChanges field (a typo)."""
        unknown = changes.keys() - HighlightChanges.__optional_keys__
        if unknown:
            raise TypeError(f"EditHighlight got unknown fields: {', '.join(sorted(unknown))}")
        super().__init__()
        self.highlight_id = highlight_id
        self.kind = changes.get("kind")
        self.note = changes.get("note")
        self.colour = changes.get("colour")
        self.text = "Edit highlight"

    def _read(self, repo: Repository) -> Highlight:
        return _require_highlight(repo, self.highlight_id)

    def _edited(self, before: Highlight) -> Highlight:
        kind = self.kind if self.kind is not None else before.kind
        colour = self.colour
        if colour is None:
            colour = colour_for(kind) if self.kind is not None else before.colour
        note = self.note if self.note is not None else before.note
        return replace(before, kind=kind, colour=colour, note=note, modified=utc_now())

    def _write(self, repo: Repository, row: Highlight) -> None:
        repo.update_highlight(row)


class RemoveHighlight:
    """Remove a highlight and the contradictions that link it (restored together on undo)."""

    def __init__(self, highlight_id: str) -> None:
        self.highlight_id = highlight_id
        self.removed: Highlight | None = None
        self.links: list[Contradiction] = []
        self.text = "Remove highlight"

    def apply(self, repo: Repository) -> None:
        with repo.transaction():
            self.removed = _require_highlight(repo, self.highlight_id)
            self.links = repo.contradictions_for(self.highlight_id)
            for link in self.links:
                repo.delete_contradiction(link.id)
            repo.delete_highlight(self.highlight_id)

    def revert(self, repo: Repository) -> None:
        if self.removed is None:
            return
        with repo.transaction():
            repo.insert_highlight(self.removed)
            for link in self.links:
                repo.insert_contradiction(link)


class AddContradiction:
    """Link two stored highlights as contradicting each other."""

    def __init__(self, contradiction: Contradiction) -> None:
        self.contradiction = contradiction
        self.text = "Link contradiction"

    def apply(self, repo: Repository) -> None:
        with repo.transaction():
            _require_highlight(repo, self.contradiction.a)
            _require_highlight(repo, self.contradiction.b)
            repo.insert_contradiction(self.contradiction)

    def revert(self, repo: Repository) -> None:
        repo.delete_contradiction(self.contradiction.id)


class EditContradiction(_EditRow[Contradiction]):
    """Change a contradiction's note or kind."""

    def __init__(
        self, contradiction_id: str, *, note: str | None = None, kind: str | None = None
    ) -> None:
        super().__init__()
        self.contradiction_id = contradiction_id
        self.note, self.kind = note, kind
        self.text = "Edit contradiction"

    def _read(self, repo: Repository) -> Contradiction:
        return _require_contradiction(repo, self.contradiction_id)

    def _edited(self, before: Contradiction) -> Contradiction:
        return replace(
            before,
            note=self.note if self.note is not None else before.note,
            kind=self.kind if self.kind is not None else before.kind,
            modified=utc_now(),
        )

    def _write(self, repo: Repository, row: Contradiction) -> None:
        repo.update_contradiction(row)


class RemoveContradiction:
    """Remove a contradiction link (the two highlights stay)."""

    def __init__(self, contradiction_id: str) -> None:
        self.contradiction_id = contradiction_id
        self.removed: Contradiction | None = None
        self.text = "Remove contradiction"

    def apply(self, repo: Repository) -> None:
        self.removed = _require_contradiction(repo, self.contradiction_id)
        repo.delete_contradiction(self.contradiction_id)

    def revert(self, repo: Repository) -> None:
        if self.removed is not None:
            repo.insert_contradiction(self.removed)


class DismissFlag:
    """Remember that the user dismissed a computed flag."""

    def __init__(self, dismissal: DismissedFlag) -> None:
        self.dismissal = dismissal
        self.text = "Dismiss flag"

    def apply(self, repo: Repository) -> None:
        repo.dismiss_flag(self.dismissal)

    def revert(self, repo: Repository) -> None:
        repo.undismiss_flag(self.dismissal.key)


class UndismissFlag:
    """Forget a dismissal, so the flag shows again."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.removed: DismissedFlag | None = None
        self.text = "Restore flag"

    def apply(self, repo: Repository) -> None:
        self.removed = repo.get_dismissed(self.key)
        repo.undismiss_flag(self.key)

    def revert(self, repo: Repository) -> None:
        if self.removed is not None:
            repo.dismiss_flag(self.removed)
