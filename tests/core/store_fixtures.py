"""Helpers for the store, annotation and W3C tests (not a conftest: that file is shared)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from app.core.annotations import Highlight, new_highlight
from app.core.model import Document, document_id
from app.core.store import Repository, open_store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_text(name: str = "003_75d49b24c4eb6244.txt") -> str:
    """A raw seed article: real prose with repeated names, for anchor tests."""
    return (SEEDS / name).read_text(encoding="utf-8")


def make_doc(text: str, title: str = "A story", outlet: str = "Outlet") -> Document:
    """A Document for `text` with its real content-hash id."""
    return Document(
        id=document_id(text),
        title=title,
        outlet=outlet,
        date="2021-07-19",
        url="https://example.org/story",
        language="en",
        source_path="/tmp/story.txt",
        text=text,
    )


def store_at(tmp_path: Path) -> Repository:
    """A fresh store in `tmp_path`."""
    return open_store(tmp_path / "parallax.db")


def add_quote(repo: Repository, doc: Document, quote: str, **kw: Any) -> Highlight:
    """Store `doc` (if needed) and a highlight of the first occurrence of `quote`."""
    start = doc.text.index(quote)
    h = new_highlight(doc.id, doc.text, start, start + len(quote), **kw)
    repo.upsert_document(doc)
    repo.insert_highlight(h)
    return h


def dump_state(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every annotation table, read through a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall())
            for table in ("documents", "highlights", "contradictions", "dismissed_flags")
        }
    finally:
        conn.close()
