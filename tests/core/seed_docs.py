"""The five seed articles as Documents, for alignment tests.

Uses the real importer (`app.core.importers.load_document`) when it exists and works, so the tests
see clean text; until then falls back to the raw file text, so they can run meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from app.core.model import Document, document_id

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


def seed_paths() -> list[Path]:
    """The seed files, sorted by name (000 ... 004)."""
    return sorted(SEEDS_DIR.glob("*.txt"))


def load_seed_docs() -> list[Document]:
    """Every seed file as a Document, cleaned by the importer when it is available."""
    return [_load(path) for path in seed_paths()]


def _load(path: Path) -> Document:
    try:
        from app.core.importers import load_document
    except ImportError:
        return _raw_document(path)
    try:
        return load_document(str(path))
    except NotImplementedError:
        return _raw_document(path)


def _raw_document(path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    return Document(
        id=document_id(text),
        title=path.stem,
        outlet="",
        date="",
        url="",
        language="en",
        source_path=str(path),
        text=text,
        raw=text,
    )
