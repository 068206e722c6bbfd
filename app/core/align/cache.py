"""A disk cache of pairwise alignments, keyed by the two texts' hashes.

Why a separate SQLite file and not a table in the store: this is derived data that can be
thrown away and rebuilt at any time; keeping it out of parallax.db keeps the user's backups
(rotated copies of the whole store) small and the store's migrations out of the aligner's way.
Location: `$PARALLAX_HOME/cache/alignments.sqlite`, else the platform's user cache dir
(`platformdirs.user_cache_dir("Parallax")`), or a path given by the caller (the CLI's `--db`
puts it beside the store).

What is stored: per (text hash a, text hash b, aligner version, min_score) the pair's matches
as JSON (sentence indexes, spans, score, kind, method, word diff), and per (text hash, aligner
version) a document's sentence units, so a new article is aligned with the old ones without
re-indexing them. The aligner version hashes every ALIGN_* threshold, so tuning one invalidates
the cache by itself. A broken or unwritable cache never stops alignment: it is bypassed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import platformdirs

from app.core import thresholds
from app.core.align.candidates import DocIndex, Unit, index_units
from app.core.align.pairs import PairHit
from app.core.model import DiffOp, Document, Match, Span

# Bump when the aligner's code changes what a pair yields (thresholds are hashed in anyway).
ALGORITHM = "lexical-pairwise-3"  # 3: batch scorer (numpy sums, another float order)
CACHE_NAME = "alignments.sqlite"

PairKey = tuple[str, str]  # (text hash of the earlier document, of the later one)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pair_matches (
    doc_a TEXT NOT NULL, doc_b TEXT NOT NULL, version TEXT NOT NULL, min_score REAL NOT NULL,
    matches TEXT NOT NULL, PRIMARY KEY (doc_a, doc_b, version, min_score)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_units (
    doc TEXT NOT NULL, version TEXT NOT NULL, units TEXT NOT NULL, PRIMARY KEY (doc, version)
) WITHOUT ROWID;
"""


def aligner_version() -> str:
    """The algorithm name plus a hash of every alignment threshold."""
    values = sorted(
        (name, repr(getattr(thresholds, name)))
        for name in dir(thresholds)
        if name.startswith("ALIGN_") or name in ("VERBATIM_MIN", "CLOSE_MIN")
    )
    digest = hashlib.sha256(repr(values).encode("utf-8")).hexdigest()[:12]
    return f"{ALGORITHM}-{digest}"


def text_key(doc: Document) -> str:
    """Hash of the exact clean text: offsets in cached matches are valid only for that text
    (`Document.id` normalises whitespace, which would let two texts share an id)."""
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:24]


def default_cache_path() -> Path:
    """`$PARALLAX_HOME/cache/alignments.sqlite`, else the user cache dir."""
    home = os.environ.get("PARALLAX_HOME")
    base = Path(home) / "cache" if home else Path(platformdirs.user_cache_dir("Parallax"))
    return base / CACHE_NAME


class AlignmentCache:
    """Pair matches and document units on disk (see the module docstring).

    Each call opens its own short connection, so one cache object may be used from any thread.
    Every method swallows sqlite3 errors (a cache miss, or nothing written): a cache must
    never be the reason an alignment fails.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.version = aligner_version()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10.0)
        if not self._ready:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            self._ready = True
        return conn

    def get_pairs(self, keys: Iterable[PairKey], min_score: float) -> dict[PairKey, list[Any]]:
        """The stored matches (JSON rows, see `hits_from_rows`) of each cached pair in `keys`."""
        wanted = set(keys)
        firsts = sorted({a for a, _ in wanted})
        found: dict[PairKey, list[Any]] = {}
        try:
            with self._connect() as conn:
                for start in range(0, len(firsts), 500):
                    chunk = firsts[start : start + 500]
                    rows = conn.execute(
                        "SELECT doc_a, doc_b, matches FROM pair_matches WHERE version = ? "
                        f"AND min_score = ? AND doc_a IN ({','.join('?' * len(chunk))})",
                        (self.version, float(min_score), *chunk),
                    )
                    for a, b, data in rows:
                        if (a, b) in wanted:
                            found[a, b] = json.loads(data)
        except (sqlite3.Error, OSError, ValueError):
            return {}
        return found

    def put_pairs(self, items: Mapping[PairKey, list[PairHit]], min_score: float) -> None:
        """Store the hits of each pair (replacing older entries)."""
        rows = [
            (a, b, self.version, float(min_score), json.dumps(rows_from_hits(hits)))
            for (a, b), hits in items.items()
        ]
        self._write("INSERT OR REPLACE INTO pair_matches VALUES (?, ?, ?, ?, ?)", rows)

    def get_indexes(self, keys: Iterable[str]) -> dict[str, DocIndex]:
        """Document indexes rebuilt from stored units, by text hash (missing ones left out)."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, DocIndex] = {}
        try:
            with self._connect() as conn:
                for start in range(0, len(wanted), 500):
                    chunk = wanted[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT doc, units FROM doc_units WHERE version = ? AND doc IN ({marks})",
                        (self.version, *chunk),
                    )
                    for key, data in rows:
                        found[key] = index_units(_units_from_json(json.loads(data)))
        except (sqlite3.Error, OSError, ValueError, TypeError):
            return {}
        return found

    def put_indexes(self, items: Mapping[str, DocIndex]) -> None:
        """Store each document's units by text hash."""
        rows = [
            (key, self.version, json.dumps([_unit_to_json(u) for u in index.units]))
            for key, index in items.items()
        ]
        self._write("INSERT OR REPLACE INTO doc_units VALUES (?, ?, ?)", rows)

    def clear(self) -> None:
        """Drop every cached entry."""
        self._write("DELETE FROM pair_matches", [()])
        self._write("DELETE FROM doc_units", [()])

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        try:
            with self._connect() as conn:
                conn.executemany(sql, rows)
        except (sqlite3.Error, OSError):
            return


def rows_from_hits(hits: list[PairHit]) -> list[list[Any]]:
    """JSON-ready rows of a pair's hits (the document ids are implied by the pair)."""
    return [
        [
            h.a_first,
            h.a_last,
            h.b_first,
            h.b_last,
            h.match.a.start,
            h.match.a.end,
            h.match.b.start,
            h.match.b.end,
            h.match.score,
            h.match.kind,
            h.match.method,
            [[op.tag, op.a_start, op.a_end, op.b_start, op.b_end] for op in h.match.ops],
        ]
        for h in hits
    ]


def hits_from_rows(rows: list[Any], doc_a: str, doc_b: str) -> list[PairHit]:
    """The hits `rows_from_hits` stored, with spans in documents `doc_a` and `doc_b` (ids)."""
    hits: list[PairHit] = []
    for a0, a1, b0, b1, sa, ea, sb, eb, score, kind, method, ops in rows:
        match = Match(
            Span(doc_a, sa, ea),
            Span(doc_b, sb, eb),
            score,
            kind,
            method,
            [DiffOp(t, x0, x1, y0, y1) for t, x0, x1, y0, y1 in ops],
        )
        hits.append(PairHit(a0, a1, b0, b1, match))
    return hits


def _unit_to_json(u: Unit) -> list[Any]:
    return [
        u.start,
        u.end,
        u.norm,
        sorted(u.stems),
        u.names,
        u.n_content,
        u.n_words,
        u.paragraph,
        u.title,
        u.first,
    ]


def _units_from_json(rows: list[Any]) -> list[Unit]:
    return [
        Unit(start, end, norm, frozenset(stems), dict(names), nc, nw, para, title, first)
        for start, end, norm, stems, names, nc, nw, para, title, first in rows
    ]


def cache_beside(db: str | Path | None) -> AlignmentCache:
    """The cache for a store path given on the command line (`--db`): `cache/` next to it;
    without one, the default location (`default_cache_path`)."""
    if db is None:
        return AlignmentCache()
    return AlignmentCache(Path(db).parent / "cache" / CACHE_NAME)
