"""Recovery of a damaged store on open, and the report that tells the user what happened.

Order: salvage what the damaged file still holds into a scratch file next to it (the damaged
file is only read), let the newest healthy backup fill what could not be read, then move the
damaged file aside (kept, never deleted) and put the scratch file in its place. Until that
last rename the damaged store stays where it was, so a failure half-way loses nothing.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.counts import plural
from app.core.store.backup import backup_time, count_rows, is_healthy, list_backups, quarantine

if TYPE_CHECKING:
    from app.core.store.salvage import SalvageResult, TableSalvage

_SCRATCH_SUFFIX = ".salvage"
_TIME_FORMAT = "%Y-%m-%d %H:%M UTC"
# How the message names one row of each table when some could not be read.
_KINDS = {
    "highlights": "highlight",
    "contradictions": "contradiction",
    "dismissed_flags": "dismissed flag",
}


def _pair(highlights: int, contradictions: int) -> str:
    """'4 highlights and 1 contradiction'."""
    return f"{plural(highlights, 'highlight')} and {plural(contradictions, 'contradiction')}"


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Unread:
    """Rows of one kind that were on damaged pages: at most `at_most`; None if unknown."""

    kind: str  # a key of _KINDS
    at_most: int | None

    def words(self) -> str:
        """'up to 2 highlights', 'some contradictions'."""
        one = _KINDS[self.kind]
        if self.at_most is None:
            return f"some {one}s"
        return f"up to {plural(self.at_most, one)}"


@dataclass(frozen=True)
class RecoveryReport:
    """What recovery did when the store was damaged on open.

    The first four fields are the totals; the rest say where the rows came from. A report
    built with the first four only describes a plain restore of `restored_from`.
    """

    broken: Path  # where the damaged file was moved (kept, never deleted)
    restored_from: Path | None  # the backup that filled gaps (or was restored), or None
    highlights: int  # in the store now
    contradictions: int
    readable: bool = False  # rows could be read from the damaged file
    salvaged_highlights: int = 0  # of `highlights`, read from the damaged file
    salvaged_contradictions: int = 0
    unread: tuple[Unread, ...] = ()  # kinds with rows on damaged pages
    dropped_links: int = 0  # contradictions left out: a highlight they join was lost
    stub_documents: int = 0  # articles whose stored text was lost (stubs until re-imported)

    @property
    def message(self) -> str:
        """One line for the CLI's stderr or the UI's dialog."""
        parts = ["The annotation store was damaged.", self._what_came_back()]
        parts += [s for s in (self._what_is_missing(), self._dropped(), self._stubs()) if s]
        parts.append(f"The damaged file was kept at {self.broken}.")
        return " ".join(parts)

    def _backup_taken(self) -> str:
        if self.restored_from is None:
            return ""
        when = backup_time(self.restored_from)
        return when.strftime(_TIME_FORMAT) if when else self.restored_from.name

    def _what_came_back(self) -> str:
        if self.readable:
            salvaged = _pair(self.salvaged_highlights, self.salvaged_contradictions)
            text = f"{salvaged} were recovered from it"
            if self.restored_from is not None:
                more = _pair(
                    self.highlights - self.salvaged_highlights,
                    self.contradictions - self.salvaged_contradictions,
                )
                text += f", and {more} from the backup of {self._backup_taken()}"
            return text + "."
        if self.restored_from is not None:
            return (
                f"Nothing could be read from it; the backup of {self._backup_taken()} was "
                f"restored ({_pair(self.highlights, self.contradictions)})."
            )
        return (
            "Nothing could be read from it and no good backup was found: a new empty store "
            "was started."
        )

    def _what_is_missing(self) -> str:
        if not self.readable:
            return "Anything made since then may be missing." if self.restored_from else ""
        if not self.unread:
            return ""
        lost = _listed([u.words() for u in self.unread])
        if self.restored_from is not None:
            return (
                f"Rows on damaged pages could not be read: {lost} made since the backup of "
                f"{self._backup_taken()} may be missing."
            )
        return (
            f"Rows on damaged pages could not be read and there is no good backup: {lost} may be "
            "missing."
        )

    def _dropped(self) -> str:
        if not self.dropped_links:
            return ""
        links = plural(self.dropped_links, "contradiction")
        verb = "remains" if self.dropped_links == 1 else "remain"
        return f"{links} linking a lost highlight {verb} only in the damaged file."

    def _stubs(self) -> str:
        if not self.stub_documents:
            return ""
        texts = plural(self.stub_documents, "article")
        return f"The stored text of {texts} was lost; it is stored again when next opened."


def _usable(backup: Path) -> bool:
    """A backup we can restore: it opens and passes the check."""
    try:
        return is_healthy(backup)
    except sqlite3.Error:
        return False


def newest_usable_backup(db_path: Path) -> Path | None:
    """The newest backup of `db_path` that passes the check, or None."""
    return next((b for b in list_backups(db_path) if _usable(b)), None)


def _remove_scratch(scratch: Path) -> None:
    for name in (scratch, scratch.with_name(scratch.name + "-journal")):
        name.unlink(missing_ok=True)


def _unread(tables: dict[str, TableSalvage]) -> tuple[Unread, ...]:
    return tuple(
        Unread(table, t.unread) for table, t in tables.items() if table in _KINDS and not t.complete
    )


def _report(
    result: SalvageResult, broken: Path, backup: Path | None, db_path: Path
) -> RecoveryReport:
    highlights, contradictions = count_rows(db_path)
    tables = result.tables
    # The backup was consulted only for tables the salvage could not read completely.
    used = backup if not all(t.complete for t in tables.values()) else None
    return RecoveryReport(
        broken=broken,
        restored_from=used,
        highlights=highlights,
        contradictions=contradictions,
        readable=result.readable,
        salvaged_highlights=tables["highlights"].salvaged,
        salvaged_contradictions=tables["contradictions"].salvaged,
        unread=_unread(tables) if result.readable else (),
        dropped_links=result.dropped_links,
        stub_documents=result.stub_documents,
    )


def recover(db_path: Path, now: datetime) -> RecoveryReport:
    """Replace the damaged store at `db_path` by what can be salvaged from it and its backup.

    Raises:
        StoreError: the damaged store comes from a newer Parallax (left where it is).
        sqlite3.Error, OSError: the folder cannot be written; the damaged file stays in place.
    """
    backup = newest_usable_backup(db_path)
    scratch = db_path.with_name(db_path.name + _SCRATCH_SUFFIX)
    _remove_scratch(scratch)  # left by a recovery that was cut off
    # Imported here, not at the top: every start of the app imports this module (through the
    # store), but salvage is needed only when a store is damaged.
    from app.core.store.salvage import salvage_store

    try:
        result = salvage_store(db_path, scratch, backup)
    except BaseException:
        _remove_scratch(scratch)
        raise
    broken = quarantine(db_path, now)
    os.replace(scratch, db_path)
    return _report(result, broken, backup, db_path)
