"""Crash safety of the store (issue 7): earlier schema files, two instances, SIGKILL, damage.

Run with `-s` to see the kill test's figures (kills, acknowledged ids, lost ids).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.core.annotations import new_highlight
from app.core.errors import StoreError
from app.core.store import open_store
from app.core.store.backup import list_backups
from app.core.store.schema import LATEST_VERSION, read_version

from .store_fixtures import add_quote, dump_state, make_doc, seed_text

ROOT = Path(__file__).resolve().parents[2]
STORE_DATA = ROOT / "tests" / "data" / "store"
TEXT = "The minister said 40 people were hurt. Police said 45 were hurt in the blast."
DAY1 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)}


# --- migrations from committed fixtures of every earlier schema version ----------------------


@pytest.mark.parametrize("fixture", sorted(STORE_DATA.glob("parallax-v*.db")), ids=str)
def test_committed_earlier_version_migrates_forward_keeping_everything(
    fixture: Path, tmp_path: Path
) -> None:
    old_version = int(fixture.stem.split("-v")[1])
    assert old_version < LATEST_VERSION
    db = tmp_path / "parallax.db"
    shutil.copyfile(fixture, db)
    before = dump_state(db)
    with open_store(db, now=DAY1) as repo:
        assert read_version(repo.conn) == LATEST_VERSION
        assert repo.recovery is None
        assert [h.id for h in repo.list_orphans()] == ["h-3"]
        assert [c.id for c in repo.contradictions_for("h-1")] == ["c-1"]
    assert dump_state(db) == before  # migrations add structure, never change rows
    backup = list_backups(db)[0]
    conn = sqlite3.connect(backup)
    assert read_version(conn) == old_version  # taken before migrating
    conn.close()


def test_the_v1_fixture_really_is_version_1() -> None:
    conn = sqlite3.connect(f"file:{STORE_DATA / 'parallax-v1.db'}?mode=ro", uri=True)
    try:
        assert read_version(conn) == 1
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "highlights_by_doc" not in names  # migration 2's index is not there yet
    finally:
        conn.close()


# --- two running instances -------------------------------------------------------------------

_WRITER = """
import sys
from app.core.annotations import new_highlight
from app.core.model import Document, document_id
from app.core.store import open_store
db, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = "The minister said 40 people were hurt. Police said 45 were hurt in the blast."
doc = Document(id=document_id(text), title="t", outlet="o", date="", url="", language="en",
               source_path="/tmp/x.txt", text=text)
with open_store(db) as repo:
    repo.upsert_document(doc)
    for i in range(count):
        h = new_highlight(doc.id, text, 4, 12, note=f"{tag}-{i}")
        with repo.transaction():
            repo.insert_highlight(h)
        with repo.transaction():  # an edit of the same highlight, its own action
            repo.update_highlight(h.__class__(**{**h.__dict__, "kind": f"edited-{tag}"}))
"""


def test_two_processes_writing_at_once_lose_no_update(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "parallax.db"  # not created yet: both race to create it too
    count = 60
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db), tag, str(count)],
            cwd=ROOT,
            env=_child_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with open_store(db) as repo:
        highlights = repo.list_highlights()
    assert len(highlights) == 2 * count
    assert {h.note for h in highlights} == {f"{t}-{i}" for t in "ab" for i in range(count)}
    assert all(h.kind == f"edited-{h.note[0]}" for h in highlights)


def test_write_waits_and_retries_while_another_instance_holds_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    doc = make_doc(TEXT)
    with open_store(db) as repo:
        repo.upsert_document(doc)
        repo.conn.execute("PRAGMA busy_timeout = 50")  # so the retries, not SQLite, do the wait
        other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.2, lambda: other.execute("COMMIT"))
        release.start()
        try:
            repo.insert_highlight(new_highlight(doc.id, TEXT, 4, 12))
        finally:
            release.join()
            other.close()
        assert repo.counts() == (1, 0)


def test_a_lock_held_too_long_is_a_store_error_and_the_change_stays_retryable(
    tmp_path: Path,
) -> None:
    db = tmp_path / "parallax.db"
    doc = make_doc(TEXT)
    h = new_highlight(doc.id, TEXT, 4, 12)
    with open_store(db) as repo:
        repo.upsert_document(doc)
        repo.conn.execute("PRAGMA busy_timeout = 10")
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="locked by another program"):
            repo.insert_highlight(h)
        other.execute("COMMIT")
        other.close()
        assert repo.get_highlight(h.id) is None
        repo.insert_highlight(h)  # the same change, retried
        assert repo.get_highlight(h.id) == h


# --- SIGKILL at random moments ---------------------------------------------------------------

_ADDER = """
import sys
from app.core.annotations import new_highlight
from app.core.model import Document, document_id
from app.core.store import open_store
text = open(sys.argv[2], encoding="utf-8").read()
doc = Document(id=document_id(text), title="t", outlet="o", date="", url="", language="en",
               source_path=sys.argv[2], text=text)
with open_store(sys.argv[1]) as repo:
    repo.upsert_document(doc)
    k = 0
    while True:
        start = (k * 37) % (len(text) - 80)
        h = new_highlight(doc.id, text, start, start + 60, note="n" * (k % 500))
        with repo.transaction():  # one action, one transaction
            repo.insert_highlight(h)
        print(h.id, flush=True)  # acknowledged only after COMMIT returned
        k += 1
"""
KILLS = 50


def _run_and_kill(db: Path, article: Path, rng: random.Random) -> list[str]:
    """Start an adder, SIGKILL it at a random moment after its first ack; return its acks."""
    child = subprocess.Popen(
        [sys.executable, "-c", _ADDER, str(db), str(article)],
        cwd=ROOT,
        env=_child_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline()  # the store is open and writing
    time.sleep(rng.uniform(0.0, 0.08))
    child.send_signal(signal.SIGKILL)
    rest = child.stdout.read()
    child.wait()
    # A line cut by the kill (no newline) was not acknowledged.
    lines = (first + rest).split("\n")
    return [line for line in lines[:-1] if line]


def _check_store(db: Path) -> set[str]:
    """integrity_check must pass on the raw file; returns the stored highlight ids."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {r[0] for r in conn.execute("SELECT id FROM highlights")}
    finally:
        conn.close()


def test_sigkill_during_writes_loses_no_acknowledged_highlight(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    article = tmp_path / "article.txt"
    article.write_text(seed_text(), encoding="utf-8")
    rng = random.Random(2026)
    acked: set[str] = set()
    for _ in range(KILLS):
        acked.update(_run_and_kill(db, article, rng))
        stored = _check_store(db)
        assert acked <= stored, f"lost {len(acked - stored)} acknowledged highlights"
    with open_store(db) as repo:
        assert repo.recovery is None  # never damaged, so never recovered
    print(f"\nkill test: {KILLS} kills, {len(acked)} acknowledged, 0 lost")


# --- damage in the middle of the file --------------------------------------------------------


def test_damaged_middle_pages_are_quarantined_and_every_row_recovered(tmp_path: Path) -> None:
    db = tmp_path / "parallax.db"
    doc = make_doc(seed_text())
    with open_store(db) as repo:
        for quote in ("Lavrov", "Tashkent", "Kyrgyzstan"):
            add_quote(repo, doc, quote)
        repo.backup()
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    middle = len(data) // page // 2
    assert middle >= 2
    data[middle * page : (middle + 1) * page] = random.Random(1).randbytes(page)
    db.write_bytes(bytes(data))
    with open_store(db) as repo:
        assert repo.recovery is not None and repo.recovery.readable
        assert repo.recovery.highlights == 3 == repo.counts()[0]
        assert {h.exact for h in repo.list_highlights()} == {"Lavrov", "Tashkent", "Kyrgyzstan"}
        assert repo.get_document(doc.id) == doc
    assert repo.recovery.broken.read_bytes() == bytes(data)  # kept exactly as found
