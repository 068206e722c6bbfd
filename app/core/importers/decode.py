"""Bytes to text: byte-order marks, UTF-16 without one, UTF-8, then charset-normalizer; binary
files refused.

Line endings are normalised: "\\r\\n" and lone "\\r" become "\\n", so every offset downstream
indexes a text with "\\n" line breaks only.
"""

from __future__ import annotations

import codecs

from app.core import thresholds as th
from app.core.errors import InputError

NOT_TEXT = "not a text file"

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that plain text does not contain (tab, LF, FF, CR and ESC are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def normalise_newlines(text: str) -> str:
    """Turn "\\r\\n" and lone "\\r" into "\\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a file's bytes to text with normalised line endings, dropping any BOM.

    Args:
        data: the whole file.
        path: the file name, for error messages.
    Raises:
        InputError: "not a text file" for binary data (NUL bytes, many control bytes, or no
            plausible encoding); "cannot decode text as ENC" when a BOM promises an encoding the
            bytes do not follow.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise_newlines(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError:
                raise InputError(path, f"cannot decode text as {encoding}") from None
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return normalise_newlines(utf16)
    if looks_binary(data):
        raise InputError(path, NOT_TEXT)
    try:
        return normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        return normalise_newlines(_guess_decode(data, path))


def utf16_without_bom(data: bytes) -> str | None:
    """`data` decoded when it reads as UTF-16 text that lacks its byte-order mark, else None.

    Windows "Unicode" exports often have no BOM, and their NUL bytes would make them look
    binary. Beyond the NUL pattern of `utf16_encoding`, the whole file must decode to
    printable text.
    """
    encoding = utf16_encoding(data)
    return None if encoding is None else _printable_text(data, encoding)


def utf16_encoding(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the NUL bytes of `data` look like BOM-less UTF-16.

    The sign: many 2-byte units with a NUL in one half (ASCII spaces, digits, Latin letters;
    even Cyrillic text has spaces and punctuation), almost none with a NUL in the other half.
    Binary files have NULs in both halves; UTF-8 text with a stray run of NULs fails the same
    test. Only counts bytes of the head (no decoding), so format sniffing stays cheap.
    """
    if len(data) % 2 or b"\x00" not in data:
        return None
    sample = data[: th.SNIFF_BYTES - th.SNIFF_BYTES % 2]
    units = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high >= th.UTF16_MIN_NUL_UNITS * units and low <= th.UTF16_MAX_OTHER_NULS * units:
            return encoding
    return None


def _printable_text(data: bytes, encoding: str) -> str | None:
    """`data` decoded strictly as `encoding` when that gives mostly printable text, no NULs."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    sample = text[: th.SNIFF_BYTES]
    readable = sum(1 for ch in sample if ch.isprintable() or ch in "\t\n\r\f")
    if "\x00" in text or readable < th.UTF16_MIN_PRINTABLE * len(sample):
        return None
    return text


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes anywhere, or too many control bytes in the first SNIFF_BYTES."""
    if b"\x00" in data:
        return True
    sample = data[: th.SNIFF_BYTES]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls / len(sample) > th.MAX_CONTROL_RATIO


def _guess_decode(data: bytes, path: str) -> str:
    """Let charset-normalizer pick the encoding of non-UTF-8 text (cp1251, latin-1, ...)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, NOT_TEXT)
    return str(best)
