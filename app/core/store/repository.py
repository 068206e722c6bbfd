"""Reading and writing the annotation store: documents, highlights, contradictions, dismissals.

A Repository wraps one `sqlite3.Connection` and must be used from the thread that opened it
(SQLite's `check_same_thread` enforces this); each thread opens its own (`open_store`).
Every write runs in a transaction; `transaction()` nests, so a user action that makes several
writes commits them once. Any SQLite failure is raised as StoreError with a one-line message;
the caller keeps the unsaved change and may retry.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.core.annotations import Contradiction, DismissedFlag, Highlight
from app.core.errors import StoreError
from app.core.model import Document
from app.core.store.backup import make_backup
from app.core.store.recovery import RecoveryReport
from app.core.thresholds import BUSY_RETRIES

_HIGHLIGHT_COLS = (
    'id, doc_id, exact, prefix, suffix, start, "end", kind, colour, note, created, modified, orphan'
)
_CONTRADICTION_COLS = "id, a, b, note, kind, origin, created, modified"
_DISMISSED_COLS = "key, kind, doc_a, doc_b, a_value, b_value, created"
# Misuse of the API (closed connection, wrong thread): bugs, not store problems for a user.
_BUGS = (sqlite3.ProgrammingError, sqlite3.InterfaceError)


def store_error(path: Path, exc: BaseException) -> StoreError:
    """Turn an SQLite or OS failure into a StoreError naming the file and the problem."""
    text = str(exc).lower()
    if isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text:
        problem = "cannot write the annotation store: the folder or file is read-only"
    elif "disk is full" in text or "no space" in text:
        problem = "cannot write the annotation store: the disk is full"
    elif "unable to open" in text:
        problem = "cannot open the annotation store: the folder is read-only or not accessible"
    elif "locked" in text or "busy" in text:
        problem = "the annotation store is locked by another program; try again"
    else:
        problem = f"annotation store error: {exc}"
    return StoreError(f"{path}: {problem}")


def _highlight_values(h: Highlight) -> tuple[Any, ...]:
    """The columns of `_HIGHLIGHT_COLS`, in order."""
    head = (h.id, h.doc_id, h.exact, h.prefix, h.suffix, h.start, h.end)
    return (*head, h.kind, h.colour, h.note, h.created, h.modified, int(h.orphan))


def _highlight(row: sqlite3.Row) -> Highlight:
    values = dict(row)
    values["orphan"] = bool(values["orphan"])
    return Highlight(**values)


class Repository:
    """CRUD over one open store. Create it with `app.core.store.open_store`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        conn.row_factory = sqlite3.Row
        self.conn = conn
        self.path = path
        self._depth = 0
        # Set by open_store when the file had to be recovered; the UI/CLI tell the user.
        self.recovery: RecoveryReport | None = None
        # Set by open_store(create=False) when no store exists: empty, and writes are refused.
        self.missing = False

    # --- plumbing ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens here)."""
        self.conn.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction around the block; nested uses join the outer one.

        Raises:
            StoreError: if SQLite fails (read-only, disk full, locked); nothing is committed.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error | OSError) and not isinstance(exc, _BUGS):
                raise store_error(self.path, exc) from exc
            raise
        finally:
            self._depth = 0

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, retried while another instance holds the write lock.

        busy_timeout already waits BUSY_TIMEOUT_MS inside SQLite; the retries cover a second
        instance that keeps the lock longer (a big re-anchoring), so no user action is lost.
        """
        if self.missing:
            raise StoreError(f"{self.path}: no annotation store here (opened only to read)")
        for attempt in range(BUSY_RETRIES + 1):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except _BUGS:
                raise
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc).lower() or "busy" in str(exc).lower()
                if not busy or attempt == BUSY_RETRIES:
                    raise store_error(self.path, exc) from exc
                time.sleep(0.05 * (attempt + 1))
            except sqlite3.Error as exc:
                raise store_error(self.path, exc) from exc

    def _write(self, sql: str, params: tuple[Any, ...] | dict[str, Any]) -> int:
        with self.transaction():
            return self.conn.execute(sql, params).rowcount

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except _BUGS:
            raise
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from exc

    # --- documents --------------------------------------------------------------------------

    def upsert_document(self, doc: Document) -> None:
        """Store `doc` by its content hash, replacing metadata and text of an earlier copy."""
        self._write(
            "INSERT INTO documents (id, title, outlet, date, url, language, source_path, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
            " title = excluded.title, outlet = excluded.outlet, date = excluded.date,"
            " url = excluded.url, language = excluded.language,"
            " source_path = excluded.source_path, text = excluded.text",
            (
                doc.id,
                doc.title,
                doc.outlet,
                doc.date,
                doc.url,
                doc.language,
                doc.source_path,
                doc.text,
            ),
        )

    def ensure_document_stub(
        self, doc_id: str, title: str = "", outlet: str = "", url: str = ""
    ) -> None:
        """Make sure a row exists for `doc_id` (text empty until the article is imported).

        Used by imports of annotations whose article is not stored yet; a later
        `upsert_document` of the same content fills in the text.
        """
        self._write(
            "INSERT OR IGNORE INTO documents (id, title, outlet, date, url, language,"
            " source_path, text) VALUES (?, ?, ?, '', ?, '', '', '')",
            (doc_id, title, outlet, url),
        )

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document (no junk, raw or marks: only what the store keeps)."""
        rows = self._read(
            "SELECT id, title, outlet, date, url, language, source_path, text"
            " FROM documents WHERE id = ?",
            (doc_id,),
        )
        return Document(**dict(rows[0])) if rows else None

    def documents_with_source(self, source_path: str) -> list[Document]:
        """Stored documents imported from `source_path` (earlier versions of a changed file).

        A re-import whose content hash is new finds its predecessors here to `reanchor`.
        """
        rows = self._read(
            "SELECT id, title, outlet, date, url, language, source_path, text"
            " FROM documents WHERE source_path = ? ORDER BY id",
            (source_path,),
        )
        return [Document(**dict(r)) for r in rows]

    def list_documents(self) -> list[Document]:
        """Every stored document, by title."""
        rows = self._read(
            "SELECT id, title, outlet, date, url, language, source_path, text"
            " FROM documents ORDER BY title, id"
        )
        return [Document(**dict(r)) for r in rows]

    # --- highlights -------------------------------------------------------------------------

    def insert_highlight(self, h: Highlight) -> None:
        """Add a highlight (its document must be stored). Raises StoreError."""
        self._write(
            f"INSERT INTO highlights ({_HIGHLIGHT_COLS}) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _highlight_values(h),
        )

    def update_highlight(self, h: Highlight) -> None:
        """Overwrite every field of the stored highlight with id `h.id`."""
        self._write(
            "UPDATE highlights SET doc_id = ?, exact = ?, prefix = ?, suffix = ?, start = ?,"
            ' "end" = ?, kind = ?, colour = ?, note = ?, created = ?, modified = ?, orphan = ?'
            " WHERE id = ?",
            (*_highlight_values(h)[1:], h.id),
        )

    def delete_highlight(self, highlight_id: str) -> None:
        """Delete one highlight (commands remove its contradiction links first)."""
        self._write("DELETE FROM highlights WHERE id = ?", (highlight_id,))

    def get_highlight(self, highlight_id: str) -> Highlight | None:
        """One highlight by id, or None."""
        rows = self._read(f"SELECT {_HIGHLIGHT_COLS} FROM highlights WHERE id = ?", (highlight_id,))
        return _highlight(rows[0]) if rows else None

    def list_highlights(self, doc_id: str | None = None) -> list[Highlight]:
        """Highlights (orphans included), by document then position then creation."""
        where, params = ("WHERE doc_id = ?", (doc_id,)) if doc_id else ("", ())
        rows = self._read(
            f"SELECT {_HIGHLIGHT_COLS} FROM highlights {where} ORDER BY doc_id, start, created, id",
            params,
        )
        return [_highlight(r) for r in rows]

    def list_orphans(self) -> list[Highlight]:
        """Highlights that could not be re-anchored in their document's new text."""
        return [h for h in self.list_highlights() if h.orphan]

    # --- contradictions ---------------------------------------------------------------------

    def insert_contradiction(self, c: Contradiction) -> None:
        """Add a contradiction between two stored highlights. Raises StoreError."""
        self._write(
            f"INSERT INTO contradictions ({_CONTRADICTION_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (c.id, c.a, c.b, c.note, c.kind, c.origin, c.created, c.modified),
        )

    def update_contradiction(self, c: Contradiction) -> None:
        """Overwrite every field of the stored contradiction with id `c.id`."""
        self._write(
            "UPDATE contradictions SET a = ?, b = ?, note = ?, kind = ?, origin = ?,"
            " created = ?, modified = ? WHERE id = ?",
            (c.a, c.b, c.note, c.kind, c.origin, c.created, c.modified, c.id),
        )

    def delete_contradiction(self, contradiction_id: str) -> None:
        """Delete one contradiction link."""
        self._write("DELETE FROM contradictions WHERE id = ?", (contradiction_id,))

    def get_contradiction(self, contradiction_id: str) -> Contradiction | None:
        """One contradiction by id, or None."""
        rows = self._read(
            f"SELECT {_CONTRADICTION_COLS} FROM contradictions WHERE id = ?", (contradiction_id,)
        )
        return Contradiction(**dict(rows[0])) if rows else None

    def list_contradictions(self) -> list[Contradiction]:
        """Every contradiction, oldest first."""
        rows = self._read(f"SELECT {_CONTRADICTION_COLS} FROM contradictions ORDER BY created, id")
        return [Contradiction(**dict(r)) for r in rows]

    def contradictions_for(self, highlight_id: str) -> list[Contradiction]:
        """Contradictions with `highlight_id` at either end."""
        rows = self._read(
            f"SELECT {_CONTRADICTION_COLS} FROM contradictions WHERE a = ? OR b = ?"
            " ORDER BY created, id",
            (highlight_id, highlight_id),
        )
        return [Contradiction(**dict(r)) for r in rows]

    # --- dismissed flags --------------------------------------------------------------------

    def dismiss_flag(self, d: DismissedFlag) -> None:
        """Remember a dismissal (idempotent)."""
        self._write(
            f"INSERT OR REPLACE INTO dismissed_flags ({_DISMISSED_COLS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (d.key, d.kind, d.doc_a, d.doc_b, d.a_value, d.b_value, d.created),
        )

    def undismiss_flag(self, key: str) -> None:
        """Forget a dismissal."""
        self._write("DELETE FROM dismissed_flags WHERE key = ?", (key,))

    def get_dismissed(self, key: str) -> DismissedFlag | None:
        """The dismissal with `key`, or None."""
        rows = self._read(f"SELECT {_DISMISSED_COLS} FROM dismissed_flags WHERE key = ?", (key,))
        return DismissedFlag(**dict(rows[0])) if rows else None

    def list_dismissed(self) -> list[DismissedFlag]:
        """Every dismissal."""
        rows = self._read(f"SELECT {_DISMISSED_COLS} FROM dismissed_flags ORDER BY created, key")
        return [DismissedFlag(**dict(r)) for r in rows]

    # --- whole-store ------------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        """(highlights, contradictions) stored."""
        h = self._read("SELECT count(*) FROM highlights")[0][0]
        c = self._read("SELECT count(*) FROM contradictions")[0][0]
        return int(h), int(c)

    def backup(self) -> Path:
        """Take a rotating backup now (see backup.py); returns its path. Raises StoreError."""
        if self.missing:
            raise StoreError(f"{self.path}: there is no annotation store to back up")
        try:
            return make_backup(self.conn, self.path)
        except (sqlite3.Error, OSError) as exc:
            raise store_error(self.path, exc) from exc
