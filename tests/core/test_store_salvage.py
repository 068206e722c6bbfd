"""Recovery salvages a damaged store instead of falling back to the last backup (review 5).

Each test builds a real store, damages chosen pages of the closed file (found with SQLite's
dbstat table, so the damage hits exactly an index page or a table leaf), and reopens it.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.core.annotations import new_contradiction, new_dismissed_flag, new_highlight
from app.core.errors import StoreError
from app.core.store import open_store
from app.core.store.backup import is_healthy, list_backups
from app.core.store.schema import LATEST_VERSION

from .store_fixtures import add_quote, dump_state, make_doc, seed_text

DAY1 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
QUOTES = ("Lavrov", "Tashkent", "Kyrgyzstan", "Uzbekistan")


def _pages(db: Path, name: str, pagetype: str) -> list[tuple[int, int]]:
    """(page number, cells) of `name`'s pages of one type, left to right in its b-tree."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = conn.execute(
            "SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY path",
            (name, pagetype),
        ).fetchall()
    finally:
        conn.close()
    return [(int(p), int(n)) for p, n in rows]


def _damage(db: Path, *pages: int) -> bytes:
    """Overwrite whole pages with random bytes (same seed every run); the file as damaged."""
    data = bytearray(db.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    rng = random.Random(5)
    for page in pages:
        data[(page - 1) * size : page * size] = rng.randbytes(size)
    db.write_bytes(bytes(data))
    assert not is_healthy(db)
    return bytes(data)


def _readable_ids(db: Path) -> set[str]:
    """What plain SQL still reads from the damaged file (the premise of each test)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM highlights NOT INDEXED")}
    finally:
        conn.close()


def _first_open_then_backup(db: Path, doc_text: str, quotes: tuple[str, ...]) -> list[str]:
    """Store `quotes` in a first session; the second open (a day later) takes the backup."""
    doc = make_doc(doc_text)
    with open_store(db, now=DAY1) as repo:
        ids = [add_quote(repo, doc, q).id for q in quotes]
    with open_store(db, now=DAY1 + timedelta(days=1)):
        pass
    assert len(list_backups(db)) == 1
    return ids


def test_a_damaged_index_page_loses_no_highlight_made_since_the_backup(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    doc = make_doc(seed_text())
    first = _first_open_then_backup(db, doc.text, QUOTES[:1])
    with open_store(db, now=DAY1 + timedelta(days=1, hours=2)) as repo:
        later = [add_quote(repo, doc, q, note=f"n {q}") for q in QUOTES[1:]]
        repo.insert_contradiction(new_contradiction(later[0].id, later[1].id, note="why"))
        repo.dismiss_flag(new_dismissed_flag("number", doc.id, "40", doc.id, "45"))
    before = dump_state(db)
    ((index_page, _),) = _pages(db, "highlights_by_doc", "leaf")
    damaged = _damage(db, index_page)
    assert len(_readable_ids(db)) == 4  # the table itself is intact

    with open_store(db, now=DAY1 + timedelta(days=1, hours=3)) as repo:
        report = repo.recovery
        assert report is not None and report.readable
        assert {h.id for h in repo.list_highlights()} == {*first, *(h.id for h in later)}
        assert repo.get_highlight(later[2].id) == later[2]
        assert repo.get_document(doc.id) == doc
        assert len(repo.list_contradictions()) == 1 and len(repo.list_dismissed()) == 1
        assert [tuple(r) for r in repo.conn.execute("PRAGMA integrity_check")] == [("ok",)]
    assert dump_state(db) == before  # every row, byte for byte
    assert report.restored_from is None  # nothing was missing, so the backup was not used
    assert report.message == (
        "The annotation store was damaged. 4 highlights and 1 contradiction were recovered "
        f"from it. The damaged file was kept at {report.broken}."
    )
    assert report.broken.read_bytes() == damaged  # kept exactly as found


def test_a_damaged_version_page_does_not_stop_the_salvage(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    doc = make_doc(seed_text())
    with open_store(db, now=DAY1) as repo:
        ids = {add_quote(repo, doc, q).id for q in QUOTES}
    ((version_page, _),) = _pages(db, "schema_version", "leaf")
    _damage(db, version_page)
    with open_store(db, now=DAY1) as repo:
        assert {h.id for h in repo.list_highlights()} == ids
        assert repo.recovery is not None and repo.recovery.salvaged_highlights == 4


def test_a_highlight_deleted_since_the_backup_does_not_come_back(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    ids = _first_open_then_backup(db, seed_text(), QUOTES)
    with open_store(db, now=DAY1 + timedelta(days=1, hours=1)) as repo:
        repo.delete_highlight(ids[0])
    ((index_page, _),) = _pages(db, "sqlite_autoindex_highlights_1", "leaf")
    _damage(db, index_page)
    with open_store(db, now=DAY1 + timedelta(days=1, hours=2)) as repo:
        assert {h.id for h in repo.list_highlights()} == set(ids[1:])
        assert repo.recovery is not None and repo.recovery.highlights == 3


def _many_highlights(repo_db: Path, count: int, note: str) -> list[str]:
    doc = make_doc(seed_text())
    ids = []
    with open_store(repo_db, now=DAY1 + timedelta(days=1, hours=1)) as repo:
        repo.upsert_document(doc)
        for k in range(count):
            start = (k * 37) % (len(doc.text) - 80)
            h = new_highlight(doc.id, doc.text, start, start + 40, note=f"{note}{k:04d}" * 40)
            repo.insert_highlight(h)
            ids.append(h.id)
    return ids


def test_damaged_table_pages_take_what_the_backup_has_and_count_what_may_be_missing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "parallax.db"
    _first_open_then_backup(db, seed_text(), ())
    old = _many_highlights(db, 100, "old")
    with open_store(db, now=DAY1 + timedelta(days=2)) as repo:  # backs up the 100 old ones
        pass
    new = _many_highlights(db, 100, "new")
    leaves = _pages(db, "highlights", "leaf")
    assert len(leaves) >= 10, "the highlights must span many pages for this test"
    (page_a, cells_a), (page_b, cells_b) = leaves[1], leaves[-2]  # an old and a new leaf
    # Rowids run 1..200 in insertion order and leaves hold them left to right.
    first_on_b = sum(cells for _, cells in leaves[:-2])
    doomed = (old + new)[first_on_b]
    with open_store(db, now=DAY1 + timedelta(days=2, hours=1)) as repo:
        link = new_contradiction(old[0], doomed, note="links a highlight about to be lost")
        repo.insert_contradiction(link)
        kept = new_contradiction(old[0], new[0], note="both ends survive")
        repo.insert_contradiction(kept)
    assert _pages(db, "highlights", "leaf") == leaves
    _damage(db, page_a, page_b)
    with pytest.raises(sqlite3.DatabaseError):  # a plain SELECT gives up at the first one
        _readable_ids(db)

    with open_store(db, now=DAY1 + timedelta(days=2, hours=2)) as repo:
        report = repo.recovery
        stored = {h.id for h in repo.list_highlights()}
    assert report is not None and report.readable
    assert set(old) <= stored  # the old leaf's rows came back from the backup
    lost = set(new) - stored
    assert len(lost) == cells_b and doomed in lost
    assert report.salvaged_highlights == 200 - cells_a - cells_b
    assert report.highlights == 200 - cells_b == len(stored)
    assert report.contradictions == 1 and report.dropped_links == 1
    taken = (DAY1 + timedelta(days=2)).strftime("%Y-%m-%d %H:%M UTC")
    assert (
        f"{200 - cells_a - cells_b} highlights and 1 contradiction were recovered from it, "
        f"and {cells_a} highlights and 0 contradictions from the backup of {taken}."
    ) in report.message
    assert (
        f"Rows on damaged pages could not be read: up to {cells_a + cells_b} highlights made "
        f"since the backup of {taken} may be missing."
    ) in report.message
    assert "1 contradiction linking a lost highlight remains only in the damaged file" in (
        report.message
    )
    assert "\n" not in report.message and "warning" not in report.message.lower()


def test_a_truncated_store_without_backup_keeps_what_can_be_read(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    doc = make_doc(seed_text())
    with open_store(db, now=DAY1) as repo:  # a first session: no backup exists yet
        ids = [add_quote(repo, doc, q).id for q in QUOTES]
    ((last_table_page, _),) = _pages(db, "highlights", "leaf")
    overflow = [p for p, _ in _pages(db, "documents", "overflow")]
    assert overflow and min(overflow) > last_table_page  # the article's text is cut off
    size = int.from_bytes(db.read_bytes()[16:18], "big")
    with open(db, "r+b") as handle:
        handle.truncate(min(overflow) * size - size // 2)
    assert not list_backups(db)

    with open_store(db, now=DAY1 + timedelta(hours=1)) as repo:
        report = repo.recovery
        assert {h.id for h in repo.list_highlights()} == set(ids)
        stub = repo.get_document(doc.id)
    assert stub is not None and stub.text == ""  # the text comes back with the next import
    assert report is not None and report.restored_from is None
    assert report.message == (
        "The annotation store was damaged. 4 highlights and 0 contradictions were recovered "
        "from it. The stored text of 1 article was lost; it is stored again when next opened. "
        f"The damaged file was kept at {report.broken}."
    )


def test_a_store_cut_before_its_tables_says_nothing_was_recovered(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    with open_store(db, now=DAY1) as repo:
        add_quote(repo, make_doc(seed_text()), "Lavrov")
    with open(db, "r+b") as handle:
        handle.truncate(10000)  # the reviewer's case: only the first pages are left
    with open_store(db, now=DAY1) as repo:
        assert repo.counts() == (0, 0)
        message = repo.recovery.message if repo.recovery else ""
    assert "0 highlights and 0 contradictions were recovered from it" in message
    assert "some highlights" in message and "no good backup" in message


def test_a_damaged_store_from_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    with open_store(db, now=DAY1) as repo:
        add_quote(repo, make_doc(seed_text()), "Lavrov")
        repo.conn.execute("UPDATE schema_version SET version = ?", (LATEST_VERSION + 1,))
    ((index_page, _),) = _pages(db, "highlights_by_doc", "leaf")
    damaged = _damage(db, index_page)
    with pytest.raises(StoreError, match="damaged and was written by a newer Parallax"):
        open_store(db, now=DAY1)
    assert db.read_bytes() == damaged
    assert not list(tmp_path.glob("parallax.db.*"))  # neither moved nor salvaged


# --- paths that cannot hold a store ----------------------------------------------------------


def test_a_folder_at_the_store_path_is_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "parallax.db"
    folder.mkdir()
    for path in (folder, tmp_path):  # PARALLAX_HOME/parallax.db is a folder; --db /tmp
        with pytest.raises(StoreError) as caught:
            open_store(path)
        assert str(caught.value) == f"{path} is a folder, not an annotation store"
        assert caught.value.exit_code == 4
    assert not any(folder.iterdir())


def test_parallax_home_that_is_a_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    monkeypatch.setenv("PARALLAX_HOME", str(home))
    with pytest.raises(StoreError) as caught:
        open_store()
    assert str(caught.value) == f"{home} is a file; PARALLAX_HOME must be a folder"
    with pytest.raises(StoreError, match=r"is a file, not a folder: the annotation store"):
        open_store(home / "deeper" / "x.db")


def test_reading_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nonexistent" / "x" / "y.db"
    with open_store(db, create=False) as repo:
        assert repo.missing and repo.path == db
        assert repo.list_highlights() == [] and repo.counts() == (0, 0)
        doc = make_doc(seed_text())
        with pytest.raises(StoreError, match="opened only to read"):
            repo.upsert_document(doc)
        with pytest.raises(StoreError, match="no annotation store to back up"):
            repo.backup()
    assert not (tmp_path / "nonexistent").exists()


def test_reading_an_existing_store_sees_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    with open_store(db) as repo:
        h = add_quote(repo, make_doc(seed_text()), "Lavrov")
    with open_store(db, create=False) as repo:
        assert not repo.missing and repo.get_highlight(h.id) == h
