"""Rotating backups and quarantine of a broken file — all on plain paths.

Backups live in `<db folder>/backups/parallax-<UTC timestamp>.db`, made with SQLite's online
backup API (`sqlite3.Connection.backup`) so a live WAL database is copied consistently. The
newest `BACKUP_KEEP` are kept. A broken store is renamed to `parallax.db.broken-<timestamp>`
(with its -wal/-shm sidecars) and never deleted; recovery.py salvages it and uses the backups.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from app.core.thresholds import BACKUP_KEEP

_STAMP = "%Y%m%dT%H%M%S%fZ"  # no colons: the name must be valid on every file system
_PREFIX = "parallax-"
_SIDECARS = ("-wal", "-shm")


def backup_dir(db_path: Path) -> Path:
    """The folder holding `db_path`'s backups."""
    return db_path.parent / "backups"


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime(_STAMP)


def backup_time(backup: Path) -> datetime | None:
    """When a backup was taken, read from its name; None if the name is not ours."""
    name = backup.name
    if not (name.startswith(_PREFIX) and name.endswith(".db")):
        return None
    try:
        return datetime.strptime(name[len(_PREFIX) : -3], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def list_backups(db_path: Path) -> list[Path]:
    """Backups of `db_path`, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if backup_time(p) is not None]
    return sorted(found, key=lambda p: backup_time(p) or datetime.min, reverse=True)


def make_backup(conn: sqlite3.Connection, db_path: Path, now: datetime | None = None) -> Path:
    """Copy the open database `conn` into a new timestamped backup and prune old ones.

    Raises:
        OSError, sqlite3.Error: the caller turns them into StoreError.
    """
    when = now or datetime.now(UTC)
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{_PREFIX}{_stamp(when)}.db"
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    prune_backups(db_path)
    return target


def prune_backups(db_path: Path, keep: int = BACKUP_KEEP) -> None:
    """Delete all but the newest `keep` backups (backups only; never the store itself)."""
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening `path` read-only (quoted: names may hold '?', '#' or '%')."""
    return f"file:{quote(str(path))}?mode=ro"


def is_healthy(path: Path) -> bool:
    """True if `path` opens as an SQLite database and passes `PRAGMA quick_check`.

    quick_check rather than integrity_check: it finds torn and truncated pages in O(N) and
    skips only the index-vs-table cross-check, which is slow on large stores.

    Raises:
        sqlite3.OperationalError: the file cannot be checked now (locked by another program,
            folder unreadable); that says nothing about damage, so it must not be quarantined.
    """
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if "malformed" in str(exc).lower() or "not a database" in str(exc).lower():
            return False
        raise
    except sqlite3.DatabaseError:  # "file is not a database", "disk image is malformed"
        return False
    finally:
        conn.close()
    return rows == [("ok",)]


def quarantine(db_path: Path, now: datetime | None = None) -> Path:
    """Rename a broken store (and its -wal/-shm files) aside; return the new main path.

    Raises:
        OSError: if the folder is read-only.
    """
    broken = db_path.with_name(f"{db_path.name}.broken-{_stamp(now or datetime.now(UTC))}")
    db_path.rename(broken)
    for sidecar in _SIDECARS:
        side = db_path.with_name(db_path.name + sidecar)
        if side.exists():
            side.rename(broken.with_name(broken.name + sidecar))
    return broken


def _count(conn: sqlite3.Connection, table: str) -> int:
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # a backup taken before migration 1 has no tables
        return 0


def count_rows(path: Path) -> tuple[int, int]:
    """(highlights, contradictions) in the store at `path`; (0, 0) if the tables are missing."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return _count(conn, "highlights"), _count(conn, "contradictions")
    finally:
        conn.close()
