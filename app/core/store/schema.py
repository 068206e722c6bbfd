"""The store's schema as a list of forward migrations.

`MIGRATIONS[i]` takes a database at version i to version i + 1; migration 1 is the initial
schema. To change the schema, append one function to the list — never edit a shipped one.
The version lives in the one-row table `schema_version`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated DDL one statement at a time.

    Not `executescript`: that may COMMIT first and so break the migration's transaction.
    The split is naive, so DDL comments must not contain a semicolon.
    """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _migration_1_initial(conn: sqlite3.Connection) -> None:
    """Documents by content hash, highlights, contradictions, dismissed flags."""
    _run_script(
        conn,
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,          -- Document.id: hash of the normalised clean text
            title TEXT NOT NULL,
            outlet TEXT NOT NULL,
            date TEXT NOT NULL,
            url TEXT NOT NULL,
            language TEXT NOT NULL,
            source_path TEXT NOT NULL,
            text TEXT NOT NULL            -- clean text, needed to re-anchor and to list quotes
        );
        CREATE TABLE highlights (
            id TEXT PRIMARY KEY,          -- uuid4
            doc_id TEXT NOT NULL REFERENCES documents(id),
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            start INTEGER NOT NULL,       -- half-open character offsets into the clean text
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL,
            colour TEXT NOT NULL,
            note TEXT NOT NULL,
            created TEXT NOT NULL,        -- ISO 8601 UTC
            modified TEXT NOT NULL,
            orphan INTEGER NOT NULL DEFAULT 0  -- 1: could not be re-anchored (kept, never deleted)
        );
        CREATE TABLE contradictions (
            id TEXT PRIMARY KEY,
            a TEXT NOT NULL REFERENCES highlights(id),
            b TEXT NOT NULL REFERENCES highlights(id),
            note TEXT NOT NULL,
            kind TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('user', 'flag')),
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        );
        CREATE TABLE dismissed_flags (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            doc_a TEXT NOT NULL,
            doc_b TEXT NOT NULL,
            a_value TEXT NOT NULL,
            b_value TEXT NOT NULL,
            created TEXT NOT NULL
        );
        """,
    )


def _migration_2_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for listing one document's highlights and a highlight's links."""
    _run_script(
        conn,
        """
        CREATE INDEX highlights_by_doc ON highlights(doc_id);
        CREATE INDEX contradictions_by_a ON contradictions(a);
        CREATE INDEX contradictions_by_b ON contradictions(b);
        """,
    )


MIGRATIONS: list[Migration] = [_migration_1_initial, _migration_2_indexes]
LATEST_VERSION = len(MIGRATIONS)


def read_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open database; 0 for a new, empty one."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if row is None:
        return 0
    found = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(found[0]) if found else 0


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Apply the pending migrations up to `target`, each in its own transaction.

    Returns the new version. The caller takes a backup first (see connection.py).
    """
    version = read_version(conn)
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            version = read_version(conn)
            if version >= target:
                conn.execute("COMMIT")
                break
            if version == 0:
                conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            MIGRATIONS[version](conn)
            conn.execute("UPDATE schema_version SET version = ?", (version + 1,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version += 1
    return version
