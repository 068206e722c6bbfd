"""Write parallax-v1.db beside this script: a store at schema version 1 (the first shipped
schema, made by migration 1's DDL) holding two documents, three highlights (one an orphan),
one contradiction and one dismissed flag. Committed, so later versions are tested against a
real v1 file. Run once: .venv/bin/python tests/data/store/make_v1.py
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.store.schema import migrate

HERE = Path(__file__).parent
TARGET = HERE / "parallax-v1.db"

DOC_A = "The minister said 40 people were hurt. Police said 45 were hurt in the blast."
DOC_B = "Officials said 45 people were injured in the explosion on Monday."
T = "2026-01-05T10:00:00+00:00"


def main() -> None:
    TARGET.unlink(missing_ok=True)
    conn = sqlite3.connect(TARGET, isolation_level=None)
    migrate(conn, target=1)  # shipped migrations never change, so this is the v1 DDL
    conn.executemany(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ("doc-a", "Blast", "Wire A", "2026-01-05", "", "en", "/tmp/a.txt", DOC_A),
            ("doc-b", "Explosion", "Wire B", "2026-01-05", "", "en", "/tmp/b.txt", DOC_B),
        ],
    )
    rows = [
        ("h-1", "doc-a", "40 people", "The minister said ", " were hurt.", 18, 27, 0),
        ("h-2", "doc-b", "45 people", "Officials said ", " were injured", 15, 24, 0),
        ("h-3", "doc-a", "a passage later deleted", "", "", 0, 23, 1),
    ]
    for hid, doc, exact, prefix, suffix, start, end, orphan in rows:
        conn.execute(
            "INSERT INTO highlights VALUES (?, ?, ?, ?, ?, ?, ?, 'claim', '#ffd43b', 'n', ?, ?, ?)",
            (hid, doc, exact, prefix, suffix, start, end, T, T, orphan),
        )
    conn.execute(
        "INSERT INTO contradictions VALUES ('c-1', 'h-1', 'h-2', 'numbers differ', 'number',"
        " 'user', ?, ?)",
        (T, T),
    )
    conn.execute(
        "INSERT INTO dismissed_flags VALUES"
        " ('k-1', 'date', 'doc-a', 'doc-b', 'Monday', 'Sunday', ?)",
        (T,),
    )
    conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal sidecar
    conn.close()


if __name__ == "__main__":
    main()
