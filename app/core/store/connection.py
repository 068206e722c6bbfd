"""Opening the store: where it lives, WAL setup, integrity check, migration, recovery.

Path: an explicit path (CLI `--db`), else `$PARALLAX_HOME/parallax.db`, else
`platformdirs.user_data_dir("Parallax")/parallax.db`.

On open: a file that is not a database or fails `PRAGMA quick_check` is recovered: every row
that can still be read is salvaged, the newest good backup fills what could not be, and the
damaged file is kept aside (recovery.py; a RecoveryReport says what happened); the schema is
migrated forward after a backup; and a rotating backup is taken at most once per
`BACKUP_INTERVAL_HOURS`. Each connection belongs to the thread that opened it.

A path that cannot hold a store (a folder, a folder that is a file) is a StoreError naming it.
With `create=False` (reading only: listing, exporting) a missing store is not created, nor
its folder: the Repository is then empty, refuses writes and says `missing`.
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
from app.core.store.backup import backup_time, is_healthy, list_backups, make_backup
from app.core.store.recovery import RecoveryReport, recover
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


def _first_existing(path: Path) -> Path | None:
    """`path` or the nearest of its folders that exists."""
    return next((p for p in (path, *path.parents) if os.path.lexists(p)), None)


def _check_location(db_path: Path, explicit: bool) -> None:
    """Refuse, with a message naming it, a path that cannot hold a store.

    Without this, SQLite says only "disk I/O error" for a folder and mkdir "[Errno 17] File
    exists" for a file in the way, neither of which tells the user what to change.
    """
    if db_path.is_dir():
        raise StoreError(f"{db_path} is a folder, not an annotation store")
    found = _first_existing(db_path.parent)
    if found is None or found.is_dir():
        return
    home = os.environ.get(HOME_ENV)
    if not explicit and home and found == Path(home).expanduser():
        raise StoreError(f"{found} is a file; {HOME_ENV} must be a folder")
    raise StoreError(
        f"{found} is a file, not a folder: the annotation store {db_path} cannot be there"
    )


def _missing_store(db_path: Path) -> Repository:
    """An empty store that writes nothing anywhere: what reading a store that is not there sees."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=True)
    migrate(conn)
    conn.execute("PRAGMA query_only = ON")
    repo = Repository(conn, db_path)
    repo.missing = True
    return repo


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    now: datetime | None = None,
    create: bool = True,
) -> Repository:
    """Open (creating, checking, recovering, migrating) the store; see the module docstring.

    A second Parallax starting at the same moment may hold the file for a while (creating it,
    switching it to WAL, migrating); SQLite's busy handler does not cover every such case (a
    journal-mode switch can fail at once), so a locked store is tried again for up to
    STORE_OPEN_WAIT_S before the user is told.

    Args:
        path: explicit database path, or None to resolve it (see `resolve_db_path`).
        now: the clock, for tests; defaults to the current UTC time.
        create: False for a use that only reads: a missing store (and its folder) is then not
            created, and an empty Repository with `missing` set is returned instead.

    Returns:
        A Repository; its `recovery` is a RecoveryReport if the file had to be recovered.

    Raises:
        StoreError: the path is a folder or lies under a file, the folder or file is
            read-only, the disk is full, the store stays locked by another program, or the
            store is from a newer version.
    """
    db_path = resolve_db_path(path)
    _check_location(db_path, explicit=bool(path))
    if not create and not os.path.lexists(db_path):
        return _missing_store(db_path)
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
        recovery = recover(db_path, when)
    conn = _connect(db_path)
    try:
        _prepare(conn, db_path, when)
    except BaseException:
        conn.close()
        raise
    repo = Repository(conn, db_path)
    repo.recovery = recovery
    return repo
