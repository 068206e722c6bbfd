"""PDF articles with a text layer, read with pypdf.

`Document.raw` for a PDF is the extracted text (pages joined by a blank line), so junk offsets
index that text, not the PDF bytes.
"""

from __future__ import annotations

import io
import logging

from app.core.errors import InputError
from app.core.importers.decode import normalise_newlines

NO_TEXT = "PDF has no text layer"
ENCRYPTED = "PDF is encrypted"
DAMAGED = "PDF is damaged or truncated"


def looks_like_pdf(data: bytes) -> bool:
    """PDF files start with "%PDF-" (allowing a little leading junk, as readers do)."""
    return b"%PDF-" in data[:1024]


def extract_pdf_text(data: bytes, path: str) -> str:
    """The text layer of a PDF, pages separated by "\\n\\n", newlines normalised.

    Raises:
        InputError: ENCRYPTED (a password is needed), DAMAGED (malformed, truncated, no pages),
            NO_TEXT (only images or empty pages).
    """
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # recoverable warnings are not news
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, ENCRYPTED)
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as err:  # pypdf raises many types for broken files; all mean the same here
        if "decrypt" in str(err).lower() or "encrypt" in str(err).lower():
            raise InputError(path, ENCRYPTED) from None
        raise InputError(path, DAMAGED) from None
    if not pages:
        raise InputError(path, DAMAGED)
    text = normalise_newlines("\n\n".join(p.strip("\n") for p in pages)).strip()
    if not text:
        raise InputError(path, NO_TEXT)
    return text
