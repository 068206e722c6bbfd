"""Importers: read one article file (txt, md, html, pdf), decode, clean, build a Document.

The format is chosen by extension, then by sniffing the content (a PDF header, HTML tags,
Markdown constructs in a .txt file). See load_document for the conventions.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from app.core import thresholds as th
from app.core.clean import Cleaned
from app.core.errors import InputError
from app.core.importers import metadata
from app.core.importers.decode import decode_bytes, utf16_encoding
from app.core.importers.metadata import load_manifest
from app.core.model import Document, document_id

__all__ = ["load_document", "load_manifest", "printable_name"]

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

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


def _check_text_size(kind: str, data: bytes, name: str) -> None:
    """Refuse HTML over MAX_HTML_BYTES and text or Markdown over MAX_TEXT_BYTES: cleaning
    them would take too long (PDFs are bounded by MAX_FILE_BYTES only)."""
    if kind == "pdf":
        return
    limit, what = (th.MAX_HTML_BYTES, "HTML") if kind == "html" else (th.MAX_TEXT_BYTES, "text")
    if len(data) > limit:
        size_mb = len(data) / 1024 / 1024
        raise InputError(
            name,
            f"{what} file is too large ({size_mb:.1f} MB; the limit for {what} is "
            f"{limit // 1024 // 1024} MB)",
        )


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
            over MAX_FILE_BYTES (text over MAX_TEXT_BYTES, HTML over MAX_HTML_BYTES), an empty
            file, a binary file, a PDF without text layer, an encrypted or damaged PDF,
            undecodable text, or no article text at all. PATH has control characters escaped
            (see printable_name).
    """
    name = os.fspath(path)
    file = Path(name)
    shown = printable_name(name)  # error messages only: one line even for odd file names
    _check_file(file, shown)
    data = _read(file, shown)
    if not data.strip():
        raise InputError(shown, "file is empty")
    sniff_text = None if data.startswith(b"%PDF-") else _sniff_text(data)
    kind = _kind(file, data, sniff_text)
    _check_text_size(kind, data, shown)
    raw, cleaned, format_meta = _import(kind, data, shown)
    if not cleaned.text.strip():
        raise InputError(shown, "no article text found")
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


def printable_name(name: str) -> str:
    """`name` with control characters (a newline in a file name) escaped as "\\n", "\\x1b"...

    Error messages must stay one line; spaces, quotes and emoji are kept as they are.
    """
    return _CONTROL_CHARS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


def _sniff_text(data: bytes) -> str:
    """The first SNIFF_BYTES as text, for format sniffing only (errors replaced)."""
    head = data[: th.SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    utf16 = utf16_encoding(data)  # else "<html>" would hide between NUL bytes
    if utf16 is None:
        return head.decode("utf-8", errors="replace")
    # Only the head, not the whole file: decode_bytes decodes (and checks) it all later.
    return data[: 2 * th.SNIFF_BYTES].decode(utf16, errors="replace")
