"""Importers: read one article file (txt, md, html, pdf), decode, clean, build a Document.

The format is chosen by extension, then by sniffing the content (a PDF header, HTML tags,
Markdown constructs in a .txt file). See load_document for the conventions.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.core import thresholds as th
from app.core.clean import Cleaned
from app.core.errors import InputError
from app.core.importers import metadata
from app.core.importers.decode import decode_bytes
from app.core.importers.metadata import load_manifest
from app.core.model import Document, document_id

__all__ = ["load_document", "load_manifest"]

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}


def _check_file(path: Path, name: str) -> None:
    """Refuse missing files, directories and oversized files before reading a byte."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except PermissionError:
        raise InputError(name, "no read permission") from None
    except OSError as err:
        raise InputError(name, f"cannot read file ({err.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    if info.st_size > th.MAX_FILE_BYTES:
        size_mb = info.st_size / 1024 / 1024
        limit_mb = th.MAX_FILE_BYTES // 1024 // 1024
        raise InputError(name, f"file is too large ({size_mb:.1f} MB; the limit is {limit_mb} MB)")


def _read(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(name, "no read permission") from None
    except OSError as err:
        raise InputError(name, f"cannot read file ({err.strerror})") from None


def _kind(path: Path, data: bytes, text: str | None) -> str:
    """ "pdf", "html", "markdown" or "text": by extension, then by sniffing."""
    from app.core.importers.html import looks_like_html
    from app.core.importers.markdown import looks_like_markdown
    from app.core.importers.pdf import looks_like_pdf

    by_ext = _EXTENSIONS.get(path.suffix.lower())
    if by_ext == "pdf" or looks_like_pdf(data):
        return "pdf"
    if by_ext in ("html", "markdown") or text is None:
        return by_ext or "text"
    if looks_like_html(text):
        return "html"
    return "markdown" if looks_like_markdown(text) else "text"


def _import(kind: str, data: bytes, name: str) -> tuple[str, Cleaned, dict[str, str]]:
    """Raw text, cleaned result and format metadata for one file of a known kind."""
    if kind == "pdf":
        from app.core.importers.pdf import extract_pdf_text
        from app.core.importers.text import import_text

        raw = extract_pdf_text(data, name)
        return raw, import_text(raw), {}
    raw = decode_bytes(data, name)
    if kind == "html":
        from app.core.importers.html import import_html

        cleaned, meta = import_html(raw, name)
        return raw, cleaned, meta
    if kind == "markdown":
        from app.core.importers.markdown import import_markdown

        return raw, import_markdown(raw), {}
    from app.core.importers.text import import_text

    return raw, import_text(raw), {}


def load_document(
    path: str | os.PathLike[str], manifest: dict[str, dict[str, str]] | None = None
) -> Document:
    """Read one article file and build its Document.

    Args:
        path: a .txt, .md/.markdown, .html/.htm or .pdf file (other names are sniffed).
        manifest: file name -> metadata (see load_manifest); when None, a corpus.json beside the
            file is used if present. Manifest values win over what the file says.
    Returns:
        Document with `raw` = the decoded file text (for PDF: the extracted text), `text` = the
        clean text, `junk` spans indexing `raw` (HTML: see app.core.importers.html), `marks`
        indexing `text`, `id` = document_id(text).
    Raises:
        InputError: "PATH: problem" for a missing file, a directory, no read permission, a file
            over MAX_FILE_BYTES, an empty file, a binary file, a PDF without text layer, an
            encrypted or damaged PDF, undecodable text, or no article text at all.
    """
    name = os.fspath(path)
    file = Path(name)
    _check_file(file, name)
    data = _read(file, name)
    if not data.strip():
        raise InputError(name, "file is empty")
    sniff_text = None if data.startswith(b"%PDF-") else _sniff_text(data)
    kind = _kind(file, data, sniff_text)
    raw, cleaned, format_meta = _import(kind, data, name)
    if not cleaned.text.strip():
        raise InputError(name, "no article text found")
    entry = (manifest if manifest is not None else load_manifest(file.parent)).get(file.name)
    found = metadata.from_text(cleaned.meta, cleaned.title, cleaned.text)
    meta = metadata.merge(entry, format_meta, found, text=cleaned.text)
    return Document(
        id=document_id(cleaned.text),
        title=meta["title"],
        outlet=meta["outlet"],
        date=meta["date"],
        url=meta["url"],
        language=meta["language"],
        source_path=name,
        text=cleaned.text,
        junk=cleaned.junk,
        raw=raw,
        marks=cleaned.marks,
    )


def _sniff_text(data: bytes) -> str:
    """The first SNIFF_BYTES as text, for format sniffing only (errors replaced)."""
    head = data[: th.SNIFF_BYTES]
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    return head.decode(encoding, errors="replace")
