"""The SQLite store: paths, round trips, transactions, migrations, backups, recovery, errors."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.core import thresholds
from app.core.annotations import new_contradiction, new_dismissed_flag, new_highlight
from app.core.errors import StoreError
from app.core.store import connection, open_store, reanchor, resolve_db_path
from app.core.store.backup import backup_time, is_healthy, list_backups
from app.core.store.schema import LATEST_VERSION, migrate, read_version
from app.core.thresholds import BACKUP_KEEP

from .store_fixtures import add_quote, make_doc, seed_text, store_at

ROOT = Path(__file__).resolve().parents[2]
TEXT = "The minister said 40 people were hurt. Police said 45 were hurt in the blast."
DAY1 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_path_prefers_explicit_then_env_then_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARALLAX_HOME", str(tmp_path / "home"))
    assert resolve_db_path(tmp_path / "x.db") == tmp_path / "x.db"
    assert resolve_db_path() == tmp_path / "home" / "parallax.db"
    monkeypatch.delenv("PARALLAX_HOME")
    default = resolve_db_path()
    assert default.name == "parallax.db" and "parallax" in str(default.parent).lower()


def test_new_store_is_wal_full_sync_latest_schema(tmp_path: Path) -> None:
    with store_at(tmp_path) as repo:
        assert repo.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert repo.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert read_version(repo.conn) == LATEST_VERSION
        assert repo.recovery is None


def test_round_trip_seen_by_a_fresh_connection(tmp_path: Path) -> None:
    doc = make_doc(TEXT)
    with store_at(tmp_path) as repo:
        a = add_quote(repo, doc, "40 people", kind="claim", note="minister")
        b = add_quote(repo, doc, "45", kind="evidence")
        link = new_contradiction(a.id, b.id, note="counts differ")
        repo.insert_contradiction(link)
        flag = new_dismissed_flag("number", doc.id, "40", doc.id, "45")
        repo.dismiss_flag(flag)
    with open_store(tmp_path / "parallax.db") as fresh:
        assert fresh.get_document(doc.id) == doc
        assert fresh.get_highlight(a.id) == a
        assert fresh.list_highlights(doc.id) == [a, b]
        assert fresh.get_contradiction(link.id) == link
        assert fresh.contradictions_for(b.id) == [link]
        assert fresh.get_dismissed(flag.key) == flag
        assert fresh.counts() == (2, 1)


def test_upsert_document_replaces_metadata_without_duplicating(tmp_path: Path) -> None:
    doc = make_doc(TEXT)
    with store_at(tmp_path) as repo:
        repo.upsert_document(doc)
        renamed = make_doc(TEXT, title="Better title")
        repo.upsert_document(renamed)
        assert repo.list_documents() == [renamed]


def test_failed_action_commits_nothing(tmp_path: Path) -> None:
    doc = make_doc(TEXT)
    with store_at(tmp_path) as repo:
        h = new_highlight(doc.id, doc.text, 0, 12)
        with pytest.raises(RuntimeError), repo.transaction():
            repo.upsert_document(doc)
            repo.insert_highlight(h)
            raise RuntimeError("user action failed half way")
        assert repo.counts() == (0, 0)
        assert repo.get_document(doc.id) is None


def test_highlight_needs_a_stored_document(tmp_path: Path) -> None:
    doc = make_doc(TEXT)
    with store_at(tmp_path) as repo, pytest.raises(StoreError, match=r"parallax\.db"):
        repo.insert_highlight(new_highlight(doc.id, doc.text, 0, 12))


def _v1_fixture(path: Path) -> str:
    """A store at schema version 1 holding one document and one highlight."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    doc = make_doc(TEXT)
    h = new_highlight(doc.id, doc.text, 4, 12)
    conn.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (doc.id, doc.title, doc.outlet, doc.date, doc.url, doc.language, doc.source_path, TEXT),
    )
    conn.execute(
        "INSERT INTO highlights VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        (
            h.id,
            h.doc_id,
            h.exact,
            h.prefix,
            h.suffix,
            h.start,
            h.end,
            h.kind,
            h.colour,
            h.note,
            h.created,
            h.modified,
        ),
    )
    conn.close()
    return h.id


def test_migration_from_v1_backs_up_first_and_keeps_data(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    highlight_id = _v1_fixture(db)
    with open_store(db, now=DAY1) as repo:
        assert read_version(repo.conn) == LATEST_VERSION == 2
        indexes = {r[0] for r in repo.conn.execute("SELECT name FROM sqlite_master")}
        assert {"highlights_by_doc", "contradictions_by_a"} <= indexes
        assert repo.get_highlight(highlight_id) is not None
    backups = list_backups(db)
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert read_version(old) == 1  # the backup holds the store as it was before migrating
    old.close()


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    store_at(tmp_path).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer Parallax"):
        open_store(db)


def test_backup_on_open_at_most_daily_and_keeps_newest_five(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    open_store(db, now=DAY1).close()  # a brand-new store: nothing to back up yet
    assert list_backups(db) == []
    open_store(db, now=DAY1 + timedelta(minutes=5)).close()
    assert len(list_backups(db)) == 1
    open_store(db, now=DAY1 + timedelta(hours=3)).close()
    assert len(list_backups(db)) == 1
    for day in range(1, 8):
        open_store(db, now=DAY1 + timedelta(days=day)).close()
    kept = list_backups(db)
    assert len(kept) == BACKUP_KEEP
    assert backup_time(kept[0]) == DAY1 + timedelta(days=7)
    assert all(is_healthy(b) for b in kept)


def _store_with_backup(tmp_path: Path) -> Path:
    """Store 3 highlights + 1 link, back up, then add one more highlight (lost on recovery)."""
    db = tmp_path / "parallax.db"
    doc = make_doc(TEXT)
    with open_store(db) as repo:
        hs = [add_quote(repo, doc, q) for q in ("minister", "40 people", "Police")]
        repo.insert_contradiction(new_contradiction(hs[1].id, hs[2].id))
        repo.backup()
        add_quote(repo, doc, "blast")
    return db


def _assert_recovered(db: Path, garbage: bytes | None, counts: tuple[int, int]) -> None:
    with open_store(db) as repo:
        report = repo.recovery
        assert report is not None
        assert (report.highlights, report.contradictions) == counts == repo.counts()
        assert report.message.startswith("The annotation store was damaged.")
        assert "\n" not in report.message
    assert report.broken.exists() and report.broken.name.startswith("parallax.db.broken-")
    if garbage is not None:
        assert report.broken.read_bytes()[: len(garbage)] == garbage  # kept as it was


def test_garbage_header_is_quarantined_and_backup_restored(tmp_path: Path) -> None:
    db = _store_with_backup(tmp_path)
    garbage = b"this is not sqlite at all, sorry"
    with open(db, "r+b") as handle:
        handle.write(garbage)
    # Nothing is readable without the header: the backup's 3 highlights and 1 link come back.
    _assert_recovered(db, garbage, (3, 1))
    with open_store(db) as repo:
        assert repo.recovery is None  # recovered once, healthy since


def test_truncated_file_is_quarantined_and_backup_restored(tmp_path: Path) -> None:
    db = _store_with_backup(tmp_path)
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        handle.truncate(size // 2)
    assert not is_healthy(db)
    # The rows in the half that is left are read back, the highlight made after the backup too.
    _assert_recovered(db, None, (4, 1))


def test_broken_store_without_backup_starts_empty_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    db.write_bytes(b"\x00garbage" * 100)
    with open_store(db) as repo:
        assert repo.recovery is not None and repo.recovery.restored_from is None
        assert "no good backup" in repo.recovery.message
        assert repo.counts() == (0, 0)
    assert repo.recovery.broken.read_bytes() == b"\x00garbage" * 100


def test_disk_full_raises_store_error_and_keeps_nothing_partial(tmp_path: Path) -> None:
    doc = make_doc(TEXT)
    with store_at(tmp_path) as repo:
        repo.upsert_document(doc)
        pages = repo.conn.execute("PRAGMA page_count").fetchone()[0]
        repo.conn.execute(f"PRAGMA max_page_count = {pages}")  # the "disk" is now full
        big = make_doc("x" * 200_000)
        with pytest.raises(StoreError, match="disk is full"):
            repo.upsert_document(big)
        assert repo.get_document(big.id) is None
        repo.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed: retry works
        repo.upsert_document(big)
        assert repo.get_document(big.id) == big


_CHILD = """
import sys
import threading
from app.core.errors import StoreError
from app.core.store import open_store
try:
    open_store(sys.argv[1]).close()
except StoreError as err:
    print(err)
    sys.exit(4)
"""


def _open_as_unprivileged(db: Path) -> subprocess.CompletedProcess[str]:
    """Open `db` in a child process that file permissions apply to.

    As root (containers, CI) the child runs without the capabilities that bypass permission
    checks, so a read-only folder is read-only for it too.
    """
    command = [sys.executable, "-c", _CHILD, str(db)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "running as root: util-linux setpriv is needed to drop privileges"
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    return subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )


@pytest.mark.parametrize("existing", [False, True])
def test_read_only_folder_raises_store_error(existing: bool, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    try:
        db = folder / "parallax.db"
        if existing:
            store_at(folder).close()
        folder.chmod(0o555)
        done = _open_as_unprivileged(db)
        assert done.returncode == 4, done.stderr
        assert str(db) in done.stdout and "read-only" in done.stdout
        assert "Traceback" not in done.stderr
    finally:
        folder.chmod(0o755)  # so pytest can clean tmp_path up


def _versions(text: str) -> tuple[str, str]:
    """Two versions of a seed article: the second edited in four different ways."""
    paras = [p for p in text.split("\n\n") if len(p) > 200][:4]
    assert len(paras) == 4
    old = "\n\n".join(paras)
    changed = paras[2][:70] + paras[2][70:90].upper() + paras[2][90:]  # inside the quote
    new = "\n\n".join([paras[0], "An editor's note added later.", paras[1], changed])
    return old, new


def test_reanchor_moves_fuzzes_and_orphans(tmp_path: Path) -> None:
    old_text, new_text = _versions(seed_text())
    old, new = make_doc(old_text), make_doc(new_text)
    paras = old_text.split("\n\n")
    with store_at(tmp_path) as repo:
        hs = [add_quote(repo, old, p[40:140]) for p in paras]
        link = new_contradiction(hs[1].id, hs[3].id)
        repo.insert_contradiction(link)
        report = reanchor(repo, old.id, new)
        assert (report.exact, report.moved, report.fuzzy, report.orphaned) == (1, 1, 1, 1)
        placed = [repo.get_highlight(h.id) for h in hs]
        for before, after in zip(hs[:3], placed[:3], strict=True):
            assert after is not None and after.doc_id == new.id and not after.orphan
            assert new_text[after.start : after.end] == after.exact
            assert after.exact.lower() == before.exact.lower()
        orphan = placed[3]
        assert orphan is not None and orphan.orphan and orphan.doc_id == old.id
        assert repo.list_orphans() == [orphan]
        assert repo.get_contradiction(link.id) == link  # ends follow the highlight ids
        assert {d.id for d in repo.documents_with_source(old.source_path)} == {old.id, new.id}


def test_opening_tries_again_while_another_instance_holds_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second instance creating the file or switching it to WAL can make SQLite fail at once,
    past its busy handler ("database is locked"): open_store tries again until it opens."""
    real = connection._connect
    failures = ["database is locked", "database is locked"]

    def flaky(path: Path) -> sqlite3.Connection:
        if failures:
            raise sqlite3.OperationalError(failures.pop())
        return real(path)

    monkeypatch.setattr(connection, "_connect", flaky)
    with open_store(tmp_path / "parallax.db") as repo:
        assert repo.counts() == (0, 0)
    assert failures == []


def test_a_store_error_other_than_a_lock_is_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []

    def broken(path: Path) -> sqlite3.Connection:
        calls.append(path)
        raise sqlite3.OperationalError("disk is full")

    monkeypatch.setattr(connection, "_connect", broken)
    with pytest.raises(StoreError, match="disk is full"):
        open_store(tmp_path / "parallax.db")
    assert len(calls) == 1


def test_store_locked_by_another_program_is_reported_not_quarantined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(thresholds, "STORE_OPEN_WAIT_S", 0.3)
    db = tmp_path / "parallax.db"
    doc = make_doc(TEXT)
    with open_store(db) as repo:
        add_quote(repo, doc, "minister")
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("CREATE TABLE held (x)")
        with pytest.raises(StoreError, match="locked by another program"):
            open_store(db)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not list(tmp_path.glob("parallax.db.broken-*"))
    with open_store(db) as repo:
        assert repo.recovery is None and repo.counts() == (1, 0)


def test_a_connection_refuses_use_from_another_thread(tmp_path: Path) -> None:
    errors: list[BaseException] = []
    with store_at(tmp_path) as repo:

        def use() -> None:
            try:
                repo.counts()
            except Exception as exc:  # collected for the assertion below
                errors.append(exc)

        worker = threading.Thread(target=use)
        worker.start()
        worker.join()
    # A bug, not a store problem: it must not be dressed up as a StoreError for the user.
    assert len(errors) == 1 and isinstance(errors[0], sqlite3.ProgrammingError)
    assert "thread" in str(errors[0])
