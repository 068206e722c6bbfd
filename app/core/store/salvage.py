"""Salvage: copy every row that can still be read from a damaged store into a new one.

Why: `PRAGMA quick_check` fails for damage anywhere in the file, even on one index page, while
the table pages that hold the user's highlights are often intact and SELECT still returns every
row. Restoring the last backup instead would throw away all the work since it (up to
BACKUP_INTERVAL_HOURS). SQLite's `.recover` is a feature of its command-line shell, not of the
library Python uses, so each table is read here through its own b-tree (`NOT INDEXED`, by rowid
ranges): a read that fails on a damaged page resumes past it, and only the rows on that page
are lost. The rows go into a new file with the current schema; a backup fills in only the
tables that could not be read completely (a row missing from a completely read table was
deleted by the user, and must not come back).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import StoreError
from app.core.store.backup import read_only_uri
from app.core.store.schema import LATEST_VERSION, migrate, read_version

_MIN_ROWID = -(2**63)
_MAX_ROWID = 2**63 - 1
# SQLite numbers the rows it creates 1, 2, 3, ... (largest + 1), so the gap between the last
# row read before a damaged page and the first one after it bounds the rows that were on it.
_FIRST_ROWID = 1
_TYPES: dict[str, type] = {"TEXT": str, "INTEGER": int}
_BATCH_ROWS = 256  # rows per read; a failed batch is read again one row at a time


@dataclass
class TableSalvage:
    """What happened to one table."""

    complete: bool = True  # every row of the damaged file's table could be read
    unread: int | None = 0  # at most this many rows could not be read; None: unknown
    salvaged_keys: set[Any] = field(default_factory=set)  # primary keys read from the file

    @property
    def salvaged(self) -> int:
        """Rows in the new store that were read from the damaged file."""
        return len(self.salvaged_keys)


@dataclass
class SalvageResult:
    """What `salvage_store` recovered, table by table."""

    readable: bool  # the damaged file's schema could be read (else nothing was salvaged)
    tables: dict[str, TableSalvage] = field(default_factory=dict)
    dropped_links: int = 0  # contradictions left out: a highlight they join is lost
    stub_documents: int = 0  # documents whose row was lost, kept as stubs for their highlights


@dataclass(frozen=True)
class _Column:
    name: str
    kind: type | None  # the Python type its declared SQL type requires; None: any
    required: bool  # NOT NULL or primary key
    key: bool  # the primary key


def _quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change `path`, tolerant of a truncated file.

    writable_schema only relaxes SQLite's refusal to open a file shorter than its header says
    (the pages that remain are then readable); `mode=ro` and query_only keep it from writing.
    """
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA writable_schema = ON")
    return conn


def _is_damage(exc: sqlite3.Error) -> bool:
    """A failure that means a page cannot be read, not that another program holds the file."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and not ("locked" in text or "busy" in text)


def _columns(conn: sqlite3.Connection, table: str) -> list[_Column]:
    """The table's columns as declared (`PRAGMA table_info`), empty if there is no such table."""
    rows = conn.execute(f"PRAGMA table_info({_quote_name(table)})").fetchall()
    return [
        _Column(name, _TYPES.get(str(decl).upper()), bool(notnull) or bool(pk), bool(pk))
        for _cid, name, decl, notnull, _default, pk in rows
    ]


def _valid(row: tuple[Any, ...], columns: list[_Column]) -> bool:
    """Whether a row read from a damaged page has the types its columns declare.

    A zero-filled or torn page can still parse as cells of nulls or numbers; such a row is
    not the user's and must not enter the new store.
    """
    for value, column in zip(row, columns, strict=True):
        if value is None:
            if column.required:
                return False
        elif column.kind is not None and type(value) is not column.kind:
            return False
    return True


class _TableReader:
    """Reads one table of the damaged file by rowid, stepping over pages that fail."""

    def __init__(self, conn: sqlite3.Connection, table: str, columns: list[_Column]) -> None:
        names = ", ".join(_quote_name(c.name) for c in columns)
        self.conn = conn
        self.sql = (
            f"SELECT rowid, {names} FROM {_quote_name(table)} NOT INDEXED"
            " WHERE rowid >= ? ORDER BY rowid"
        )
        self.outcome = TableSalvage()

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """Every readable row (without its rowid); `outcome` says what could not be read.

        Read in batches with LIMIT, never by iterating one open statement: Python's sqlite3
        cursor reads a row ahead and drops the current row when that read fails, which would
        lose the last good row before each damaged page. After a batch fails, rows are read
        one at a time up to the damaged one, which is then stepped over.
        """
        start: int | None = _MIN_ROWID
        batch = _BATCH_ROWS
        while start is not None:
            try:
                found = self.conn.execute(self.sql + " LIMIT ?", (start, batch)).fetchall()
            except sqlite3.Error as exc:
                if not _is_damage(exc):
                    raise
                if batch > 1:
                    batch = 1
                else:
                    start, batch = self._skip_damage(start), _BATCH_ROWS
                continue
            if not found:
                return
            for row in found:
                yield row[1:]
            last = int(found[-1][0])
            start = last + 1 if last < _MAX_ROWID else None

    def _skip_damage(self, failed: int) -> int | None:
        """Record the rows lost from rowid `failed` on; the rowid to read on from, if any."""
        self.outcome.complete = False
        resume = self._resume_point(failed)
        if resume is None:
            self.outcome.unread = None
        elif self.outcome.unread is not None:
            self.outcome.unread += max(0, resume - max(failed, _FIRST_ROWID))
        return resume

    def _readable_from(self, bound: int) -> bool:
        """Whether the first row at or after `bound` can be read (or there is none)."""
        try:
            self.conn.execute(self.sql + " LIMIT 1", (bound,)).fetchall()
        except sqlite3.Error as exc:
            if not _is_damage(exc):
                raise
            return False
        return True

    def _resume_point(self, failed: int) -> int | None:
        """The smallest rowid above `failed` from which reading works again; None if none.

        Steps of doubling size find a readable bound past the damaged page, then bisection
        finds where the damage ends: about 2·log2(rows on the page) probes, not one per rowid.
        """
        bad, step = failed, 1
        while True:
            bound = min(failed + step, _MAX_ROWID)
            if self._readable_from(bound):
                break
            if bound == _MAX_ROWID:
                return None
            bad, step = bound, step * 2
        good = bound
        while good - bad > 1:
            middle = (bad + good) // 2
            if self._readable_from(middle):
                good = middle
            else:
                bad = middle
        return good


def _insert(
    target: sqlite3.Connection, table: str, names: list[str], row: tuple[Any, ...], verb: str
) -> bool:
    """INSERT OR `verb` one row; False if it was ignored or the schema refuses it."""
    columns = ", ".join(_quote_name(n) for n in names)
    marks = ", ".join("?" for _ in names)
    sql = f"INSERT OR {verb} INTO {_quote_name(table)} ({columns}) VALUES ({marks})"
    try:
        return target.execute(sql, row).rowcount > 0
    except sqlite3.IntegrityError:  # a CHECK or NOT NULL a row from a damaged page breaks
        return False


def _shared(source: list[_Column], target: list[_Column]) -> list[_Column]:
    """The target's columns that the source table also has (an older schema may lack some)."""
    have = {c.name for c in source}
    return [c for c in target if c.name in have]


def _copy_damaged(
    damaged: sqlite3.Connection, target: sqlite3.Connection, table: str, columns: list[_Column]
) -> TableSalvage:
    """Copy the readable, well-typed rows of `table`; a later duplicate id wins (newer)."""
    shared = _shared(_columns(damaged, table), columns)
    if not shared:  # the damaged file has no such table: nothing of it to lose
        return TableSalvage()
    reader = _TableReader(damaged, table, shared)
    names = [c.name for c in shared]
    key = _key_index(shared)
    for row in reader.rows():
        if _valid(row, shared) and _insert(target, table, names, row, "REPLACE"):
            reader.outcome.salvaged_keys.add(row[key])
        else:
            reader.outcome.complete = False
            if reader.outcome.unread is not None:
                reader.outcome.unread += 1
    return reader.outcome


def _key_index(columns: list[_Column]) -> int:
    """Where the primary key is among `columns` (every annotation table has a one-column key)."""
    return next((i for i, c in enumerate(columns) if c.key), 0)


def _fill_from_backup(backup: sqlite3.Connection, target: sqlite3.Connection, table: str) -> None:
    """Add the backup's rows of `table` whose key the salvage did not find."""
    shared = _shared(_columns(backup, table), _columns(target, table))
    if not shared:  # a backup taken before the table existed
        return
    names = [c.name for c in shared]
    select = f"SELECT {', '.join(_quote_name(n) for n in names)} FROM {_quote_name(table)}"
    for row in backup.execute(select):
        _insert(target, table, names, tuple(row), "IGNORE")


def _repair_links(target: sqlite3.Connection, result: SalvageResult) -> None:
    """Keep the new store consistent, and its counts true.

    A highlight whose document row was lost keeps a stub document (as an annotation import
    does: the article's next import fills it in). A contradiction whose highlight is gone
    cannot be shown: one read from the damaged file stays only there (and is counted); one
    from the backup linked a highlight deleted since, so it was deleted with it.
    """
    result.stub_documents = max(
        0,
        target.execute(
            "INSERT INTO documents (id, title, outlet, date, url, language, source_path, text)"
            " SELECT DISTINCT doc_id, '', '', '', '', '', '', '' FROM highlights"
            " WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).rowcount,
    )
    dangling = {
        r[0]
        for r in target.execute(
            "SELECT id FROM contradictions WHERE a NOT IN (SELECT id FROM highlights)"
            " OR b NOT IN (SELECT id FROM highlights)"
        )
    }
    target.executemany("DELETE FROM contradictions WHERE id = ?", [(i,) for i in dangling])
    links = result.tables.get("contradictions")
    if links is not None:
        result.dropped_links = len(links.salvaged_keys & dangling)
        links.salvaged_keys -= dangling


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    """The current schema's tables that hold the user's data, in creation order."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_%' AND name != 'schema_version' ORDER BY rowid"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _readable_schema(damaged: sqlite3.Connection, path: Path) -> bool:
    """Whether the damaged file's schema can be read; refuses one from a newer Parallax.

    Only `sqlite_master` must be readable: a damaged `schema_version` page leaves the
    version unknown, not the tables unreadable.

    Raises:
        StoreError: the damaged file says it was written by a newer version: salvaging it
            into this version's schema could drop what that version stores.
    """
    try:
        damaged.execute("SELECT name, rootpage FROM sqlite_master").fetchall()
    except sqlite3.Error as exc:
        if not _is_damage(exc):
            raise
        return False
    try:
        version = read_version(damaged)
    except sqlite3.Error as exc:
        if not _is_damage(exc):
            raise
        return True
    if version > LATEST_VERSION:
        raise StoreError(
            f"{path}: the annotation store is damaged and was written by a newer Parallax "
            f"(schema {version}, this version knows {LATEST_VERSION}); open it with that version"
        )
    return True


def salvage_store(damaged_path: Path, target_path: Path, backup: Path | None) -> SalvageResult:
    """Build a new store at `target_path` from what `damaged_path` still holds, plus `backup`.

    `damaged_path` is only read. Rows read from it win over the backup's (they are newer);
    the backup (a healthy store, or None) adds rows only to tables that could not be read
    completely.

    Raises:
        StoreError: the damaged store comes from a newer Parallax.
        sqlite3.Error, OSError: writing `target_path` failed, or the damaged file is locked.
    """
    target = sqlite3.connect(target_path, isolation_level=None)
    damaged = _read_only(damaged_path)
    try:
        migrate(target)
        result = SalvageResult(readable=_readable_schema(damaged, damaged_path))
        target.execute("BEGIN IMMEDIATE")
        _copy_all(damaged, target, result)
        if backup is not None:
            _fill_all(backup, target, result)
        _repair_links(target, result)
        target.execute("COMMIT")
        return result
    finally:
        damaged.close()
        target.close()


def _copy_all(
    damaged: sqlite3.Connection, target: sqlite3.Connection, result: SalvageResult
) -> None:
    """Salvage each table of the current schema (all count as unread if the schema is not)."""
    for table in _user_tables(target):
        if result.readable:
            result.tables[table] = _copy_damaged(damaged, target, table, _columns(target, table))
        else:
            result.tables[table] = TableSalvage(complete=False, unread=None)


def _fill_all(backup: Path, target: sqlite3.Connection, result: SalvageResult) -> None:
    """Let `backup` fill the tables that were not read completely."""
    source = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        for table, outcome in result.tables.items():
            if not outcome.complete:
                _fill_from_backup(source, target, table)
    finally:
        source.close()
