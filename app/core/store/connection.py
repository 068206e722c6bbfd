"""Opening the store: where it lives, WAL setup, integrity check, migration, recovery.

Path: an explicit path (CLI `--db`), else `$PARALLAX_HOME/parallax.db`, else
`platformdirs.user_data_dir("Parallax")/parallax.db`.

On open: a file that is not a database or fails `PRAGMA quick_check` is quarantined and the
newest backup that passes the check is restored (a RecoveryReport says so); the schema is
migrated forward after a backup; and a rotating backup is taken at most once per
`BACKUP_INTERVAL_HOURS`. Each connection belongs to the thread that opened it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import platformdirs

from app.core import thresholds
from app.core.errors import StoreError
from app.core.store.backup import (
    RecoveryReport,
    backup_time,
    count_rows,
    is_healthy,
    list_backups,
    make_backup,
    quarantine,
    restore_backup,
)
from app.core.store.repository import Repository, store_error
from app.core.store.schema import LATEST_VERSION, migrate, read_version
from app.core.thresholds import BACKUP_INTERVAL_HOURS, BUSY_TIMEOUT_MS

DB_NAME = "parallax.db"
HOME_ENV = "PARALLAX_HOME"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store's path: `explicit`, else `$PARALLAX_HOME/parallax.db`, else the user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / DB_NAME
    return Path(platformdirs.user_data_dir("Parallax")) / DB_NAME


def _connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, synchronous=FULL."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=True)
    try:
        # First: switching to WAL needs a lock another instance may hold for a moment.
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a highlight the user just made must survive a power cut, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _usable(backup: Path) -> bool:
    """A backup we can restore: it opens and passes the check."""
    try:
        return is_healthy(backup)
    except sqlite3.Error:
        return False


def _recover(path: Path, now: datetime) -> RecoveryReport:
    """Quarantine the broken file at `path` and restore the newest healthy backup."""
    broken = quarantine(path, now)
    for candidate in list_backups(path):
        if _usable(candidate):
            restore_backup(candidate, path)
            highlights, contradictions = count_rows(path)
            return RecoveryReport(broken, candidate, highlights, contradictions)
    return RecoveryReport(broken, None, 0, 0)


def _backup_due(path: Path, now: datetime) -> bool:
    backups = list_backups(path)
    last = backup_time(backups[0]) if backups else None
    return last is None or now - last >= timedelta(hours=BACKUP_INTERVAL_HOURS)


def _prepare(conn: sqlite3.Connection, path: Path, now: datetime) -> None:
    """Back up and migrate an opened store as its version requires."""
    version = read_version(conn)
    if version > LATEST_VERSION:
        raise StoreError(
            f"{path}: the annotation store was written by a newer Parallax "
            f"(schema {version}, this version knows {LATEST_VERSION})"
        )
    if 0 < version < LATEST_VERSION:
        make_backup(conn, path, now)  # before every migration
    elif version == LATEST_VERSION and _backup_due(path, now):
        make_backup(conn, path, now)
    migrate(conn)


def open_store(
    path: str | os.PathLike[str] | None = None, *, now: datetime | None = None
) -> Repository:
    """Open (creating, checking, recovering, migrating) the store; see the module docstring.

    A second Parallax starting at the same moment may hold the file for a while (creating it,
    switching it to WAL, migrating); SQLite's busy handler does not cover every such case (a
    journal-mode switch can fail at once), so a locked store is tried again for up to
    STORE_OPEN_WAIT_S before the user is told.

    Args:
        path: explicit database path, or None to resolve it (see `resolve_db_path`).
        now: the clock, for tests; defaults to the current UTC time.

    Returns:
        A Repository; its `recovery` is a RecoveryReport if the file had to be recovered.

    Raises:
        StoreError: the folder or file is read-only, the disk is full, the store stays locked
            by another program, or the store is from a newer version.
    """
    db_path = resolve_db_path(path)
    when = now or datetime.now(UTC)
    deadline = time.monotonic() + thresholds.STORE_OPEN_WAIT_S
    while True:
        try:
            return _open_once(db_path, when)
        except (sqlite3.Error, OSError) as exc:
            if not (_locked(exc) and time.monotonic() < deadline):
                raise store_error(db_path, exc) from exc
        time.sleep(0.05)


def _locked(exc: BaseException) -> bool:
    """Whether an SQLite failure only means another connection holds the file right now."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _open_once(db_path: Path, when: datetime) -> Repository:
    """One attempt at `open_store`; SQLite and OS errors propagate as they are."""
    recovery: RecoveryReport | None = None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if db_path.exists() and not is_healthy(db_path):
        recovery = _recover(db_path, when)
    conn = _connect(db_path)
    try:
        _prepare(conn, db_path, when)
    except BaseException:
        conn.close()
        raise
    repo = Repository(conn, db_path)
    repo.recovery = recovery
    return repo
