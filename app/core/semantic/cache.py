"""Embedding cache: one vector per (model, normalised sentence), in memory and in a small SQLite
file, so re-aligning the same articles embeds nothing.

Why a separate cache file and not a table in the store (parallax.db): vectors are derived data
that can always be rebuilt. In the store they would be copied into every rotating backup
(1.5 KB a sentence), go through its integrity checks and recovery, and tie a schema migration to
an optional extra. The cache lives at `platformdirs.user_cache_dir("Parallax")/embeddings.db`
(`$PARALLAX_HOME/cache/embeddings.db` when PARALLAX_HOME is set, as in tests and portable use);
deleting it is always safe. Any SQLite problem (read-only disk, locked, corrupt file) turns the
disk cache off for the process: the cache may make things faster, never fail.

Key: sha256 of the model id, a NUL, and the sentence normalised as the aligner sees it
(NFKC, spaces collapsed). Values: float32 bytes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import platformdirs

from app.core.semantic.embedder import Vectors

CACHE_NAME = "embeddings.db"
_DIM = 384  # both packaged models give 384-dimensional vectors


def cache_path() -> Path:
    """Where the disk cache lives (see the module docstring)."""
    home = os.environ.get("PARALLAX_HOME")
    base = Path(home) / "cache" if home else Path(platformdirs.user_cache_dir("Parallax"))
    return base / CACHE_NAME


def sentence_key(text: str, model_id: str) -> str:
    """The cache key of one sentence under one model (hex sha256)."""
    norm = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(f"{model_id}\0{norm}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors by sentence key: a dict in front of an optional SQLite table.

    Thread-safe; each call opens its own short connection, so worker threads and processes
    can share the file (WAL mode).
    """

    def __init__(self, path: Path | None = None, *, disk: bool = True) -> None:
        self.path = path or cache_path()
        self._memory: dict[str, Vectors] = {}
        self._disk = disk
        self._lock = threading.Lock()
        self.hits = 0  # sentences served from memory or disk, since creation
        self.misses = 0  # sentences that had to be embedded

    def embed(
        self, texts: Sequence[str], model_id: str, compute: Callable[[list[str]], Vectors]
    ) -> Vectors:
        """Vectors for `texts` (rows in order), computing only the ones not cached.

        Args:
            texts: sentences; duplicates are embedded once.
            model_id: part of the key, so two models never share vectors.
            compute: embeds a list of texts (rows in order), called at most once, with the
                uncached texts shortest first.
        """
        keys = [sentence_key(t, model_id) for t in texts]
        with self._lock:
            found = {k: self._memory[k] for k in keys if k in self._memory}
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing:
            found.update(self._read(missing))
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        # Shortest first: callers embed in slices (progress, cancel), and a slice of sentences
        # of similar length pads little inside the model (a third less work on the seeds).
        todo = dict(sorted(todo.items(), key=lambda item: len(item[1])))
        if todo:
            vectors = compute(list(todo.values()))
            fresh = dict(zip(todo, vectors, strict=True))
            found.update(fresh)
            self._write(fresh)
        with self._lock:
            self._memory.update(found)
            self.misses += len(todo)
            self.hits += len(keys) - len(todo)
        if not keys:
            return np.zeros((0, _DIM), np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def _connect(self) -> sqlite3.Connection | None:
        """A connection to the disk cache, creating it; None when the disk cache is off."""
        if not self._disk:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=2.0)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vec BLOB NOT NULL)"
            )
            return conn
        except (OSError, sqlite3.Error):
            self._disk = False
            return None

    def _read(self, keys: list[str]) -> dict[str, Vectors]:
        """The cached vectors among `keys` from disk (missing keys are absent)."""
        conn = self._connect()
        if conn is None:
            return {}
        out: dict[str, Vectors] = {}
        try:
            with conn:
                for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
                    chunk = keys[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    sql = f"SELECT key, vec FROM embeddings WHERE key IN ({marks})"
                    for key, blob in conn.execute(sql, chunk):
                        vec = np.frombuffer(blob, dtype=np.float32)
                        if vec.shape == (_DIM,):  # a short or foreign row is re-embedded
                            out[key] = vec
        except sqlite3.Error:
            self._disk = False
        finally:
            conn.close()
        return out

    def _write(self, vectors: dict[str, Vectors]) -> None:
        """Store fresh vectors on disk (best effort)."""
        conn = self._connect()
        if conn is None:
            return
        rows = [(k, np.asarray(v, np.float32).tobytes()) for k, v in vectors.items()]
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?)", rows)
        except sqlite3.Error:
            self._disk = False
        finally:
            conn.close()


_shared: EmbeddingCache | None = None
_shared_lock = threading.Lock()


def shared_cache() -> EmbeddingCache:
    """The process-wide cache at `cache_path()` (re-created when PARALLAX_HOME changes)."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.path != cache_path():
            _shared = EmbeddingCache()
        return _shared
