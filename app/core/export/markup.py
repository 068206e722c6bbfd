"""reportlab Paragraph markup for report.pdf: escaped text and word diffs marked in colour.

A match's `ops` index both texts with absolute offsets. On the `a` side, deleted words are red
and struck through; on the `b` side, inserted words are green and underlined; replaced words are
amber on both sides (old wording left, new wording right). Colours come from thresholds
(shared with the reader panes), so the report looks like the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal
from xml.sax.saxutils import escape

from app.core.export.diff_fonts import diff_font
from app.core.model import DiffOp
from app.core.thresholds import EXPORT_QUOTE_MAX_CHARS

Side = Literal["a", "b"]


def esc(text: str) -> str:
    """Text made safe for Paragraph markup; control characters become spaces."""
    clean = "".join(" " if ord(c) < 32 else c for c in text)
    return escape(clean)


def clip(text: str, limit: int = EXPORT_QUOTE_MAX_CHARS) -> str:
    """`text` with blanks collapsed, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def _wrap_tag(tag: str, side: Side, text: str) -> str:
    """A diff op's text as one side shows it: deletions only on a, insertions only on b."""
    if (tag == "delete" and side != "a") or (tag == "insert" and side != "b"):
        return esc(text)
    return diff_font(tag, esc(text))


def diff_markup(text: str, start: int, end: int, ops: Sequence[DiffOp], side: Side) -> str:
    """Markup for `text[start:end]` with the changes of `ops` on `side` coloured.

    Args:
        text: the whole clean text of the side's document.
        start, end: the matched span (half-open offsets into `text`).
        ops: the match's word diff (absolute offsets); "equal" ops and ranges outside the span
            are left plain.
        side: "a" (the earlier document of the match) or "b".
    """
    ranges: list[tuple[int, int, str]] = []
    for op in ops:
        lo, hi = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        lo, hi = max(lo, start), min(hi, end)
        if op.tag != "equal" and lo < hi:
            ranges.append((lo, hi, op.tag))
    ranges.sort()
    parts: list[str] = []
    pos = start
    for lo, hi, tag in ranges:
        if lo < pos:  # overlapping ops (should not happen): keep the first
            continue
        parts.append(esc(text[pos:lo]))
        parts.append(_wrap_tag(tag, side, text[lo:hi]))
        pos = hi
    parts.append(esc(text[pos:end]))
    return "".join(parts)


def swatch(colour: str, label: str) -> str:
    """A coloured label, as used in legends and highlight tables."""
    return f'<font backColor="{colour}">&nbsp;{esc(label)}&nbsp;</font>'
